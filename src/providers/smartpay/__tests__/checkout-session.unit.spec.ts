import fc from "fast-check"
import { MedusaError } from "@medusajs/framework/utils"
import { buildCheckoutCart } from "../../../core/checkout-cart"
import { cartArbitrary } from "../../../core/checkout-cart/__tests__/cart-arbitrary"
import { toDecimal, toMinorUnits } from "../../../core/money"
import { CheckoutCart } from "../../../core/checkout-cart"
import { buildCheckoutSession, itemsTotal, ROUNDING_NAME } from "../checkout/build-checkout-session"
import { jpyCart, SESSION_ID } from "../__fixtures__/checkout-cart"

const urls = {
  successUrl: "https://shop.example.jp/done",
  cancelUrl: "https://shop.example.jp/cart",
}
const build = (cart = jpyCart(), amountYen = 8850) =>
  buildCheckoutSession({ sessionId: SESSION_ID, amountYen, cart, captureMethod: "manual", ...urls })

describe("Smartpay checkout session from the checkout cart", () => {
  it("writes items, shipping, address, reference and metadata in whole yen", () => {
    expect(build()).toEqual({
      amount: 8850,
      currency: "JPY",
      captureMethod: "manual",
      items: [
        {
          kind: "product",
          name: "Shirt",
          amount: 3300, // before the line's 500 discount, which is its own item
          currency: "JPY",
          quantity: 2,
          reference: "cali_shirt",
          metadata: { medusa_line_item_id: "cali_shirt" },
        },
        {
          kind: "product",
          name: "Mug",
          amount: 1980,
          currency: "JPY",
          quantity: 1,
          reference: "cali_mug",
          metadata: { medusa_line_item_id: "cali_mug" },
        },
        { kind: "discount", name: "Promotion SHIRT500", amount: 500, currency: "JPY", quantity: 1 },
      ],
      shippingInfo: {
        address: {
          line1: "1-2-3 Shibuya",
          line2: "Room 101",
          locality: "Shibuya-ku",
          administrativeArea: "Tokyo",
          postalCode: "150-0002",
          country: "JP",
        },
        feeAmount: 770,
        feeCurrency: "JPY",
      },
      customerInfo: {
        emailAddress: "hanako@example.jp",
        firstName: "Hanako",
        lastName: "Yamada",
        phoneNumber: "+81312345678",
      },
      successUrl: `https://shop.example.jp/done?session_id=${SESSION_ID}`,
      cancelUrl: `https://shop.example.jp/cart?session_id=${SESSION_ID}`,
      reference: SESSION_ID,
      metadata: { medusa_session_id: SESSION_ID, medusa_cart_id: "cart_jp1" },
    })
  })

  it("sends a whole-yen promotion on a tax-inclusive price as it is, with no rounding", () => {
    // 1,000 yen off 3 mugs: the mugs at 1,980, the promotion at 1,000
    const cart = jpyCart({
      items: [
        {
          id: "cali_mug",
          title: "Mug",
          variant_id: "variant_mug",
          quantity: 3,
          unit_price: 1980,
          is_tax_inclusive: true,
          tax_lines: [{ rate: 10 }],
          adjustments: [{ amount: 1000, is_tax_inclusive: true }],
        },
      ],
    })
    const amountYen = toMinorUnits(cart.total, "JPY")
    const built = build(cart, amountYen)
    expect(amountYen).toBe(5710)
    expect(built.items).toEqual([
      expect.objectContaining({ kind: "product", amount: 1980, quantity: 3 }),
      // no code on the adjustment
      { kind: "discount", name: "Discount", amount: 1000, currency: "JPY", quantity: 1 },
    ])
    expect(itemsTotal(built.items) + built.shippingInfo.feeAmount).toBe(amountYen)
  })

  it("adds tax to a promotion excluding tax, rounds it down and gives the rest back as rounding", () => {
    // 7 × 999 at 8 % less TEA99's 99 excl. tax (106.92 incl.): (6,993 − 99) × 1.08 = 7,445.52
    const cart = jpyCart({
      items: [
        {
          id: "cali_tea",
          title: "Tea",
          variant_id: "variant_tea",
          quantity: 7,
          unit_price: 999,
          is_tax_inclusive: false,
          tax_lines: [{ rate: 8 }],
          adjustments: [{ amount: 99, is_tax_inclusive: false, code: "TEA99" }],
        },
      ],
      shipping_methods: [],
    })
    expect(cart.lines[0].discounts).toEqual([{ code: "TEA99", amount_incl_tax: "106.92" }])
    const amountYen = toMinorUnits(cart.total, "JPY")
    const built = build(cart, amountYen)
    expect(amountYen).toBe(7446)
    expect(built.items).toEqual([
      // 999 × 1.08 = 1,078.92 before the discount, rounded up
      expect.objectContaining({ kind: "product", amount: 1079, quantity: 7 }),
      { kind: "discount", name: "Promotion TEA99", amount: 106, currency: "JPY", quantity: 1 },
      // 7,553 − 106 = 7,447: one yen above the amount
      { kind: "discount", name: ROUNDING_NAME, amount: 1, currency: "JPY", quantity: 1 },
    ])
    expect(itemsTotal(built.items)).toBe(amountYen)
  })

  it("sends one discount item per promotion code, summed over the lines", () => {
    const shirt = {
      id: "cali_shirt",
      title: "Shirt",
      variant_id: "variant_shirt",
      quantity: 2,
      unit_price: 3300,
      is_tax_inclusive: true,
      tax_lines: [{ rate: 10 }],
    }
    const cart = jpyCart({
      items: [
        {
          ...shirt,
          adjustments: [
            { amount: 300, is_tax_inclusive: true, code: "SPRING" },
            { amount: 100, is_tax_inclusive: true, code: "VIP" },
          ],
        },
        {
          ...shirt,
          id: "cali_mug",
          title: "Mug",
          quantity: 1,
          unit_price: 1980,
          adjustments: [{ amount: 200, is_tax_inclusive: true, code: "SPRING" }],
        },
      ],
    })
    const amountYen = toMinorUnits(cart.total, "JPY")
    const built = build(cart, amountYen)
    expect(amountYen).toBe(6600 + 1980 - 600 + 770)
    expect(built.items.filter((i) => i.kind === "discount")).toEqual([
      { kind: "discount", name: "Promotion SPRING", amount: 500, currency: "JPY", quantity: 1 },
      { kind: "discount", name: "Promotion VIP", amount: 100, currency: "JPY", quantity: 1 },
    ])
    expect(itemsTotal(built.items) + built.shippingInfo.feeAmount).toBe(amountYen)
  })

  it("keeps discounts folded into unit prices for a checkout cart stored without them", () => {
    const stored = jpyCart()
    const old: CheckoutCart = {
      ...stored,
      lines: stored.lines.map(({ discounts: _discounts, ...line }) => line),
    }
    const built = build(old)
    expect(built.items.map((i) => [i.kind, i.name, i.amount, i.quantity])).toEqual([
      ["product", "Shirt", 3050, 2], // 2 × 3,300 less the line's 500, per unit
      ["product", "Mug", 1980, 1],
    ])
    expect(itemsTotal(built.items) + built.shippingInfo.feeAmount).toBe(8850)
  })

  it("prices excluding tax are sent with tax, rounded to whole yen", () => {
    const cart = jpyCart({
      items: [
        {
          id: "cali_tea",
          title: "Tea",
          variant_id: "variant_tea",
          quantity: 7,
          unit_price: 999,
          is_tax_inclusive: false,
          tax_lines: [{ rate: 8 }],
        },
      ],
      shipping_methods: [],
    })
    const amountYen = toMinorUnits(cart.total, "JPY") // 7 × 1,078.92 = 7,552.44 → 7,552
    const built = build(cart, amountYen)
    expect(amountYen).toBe(7552)
    expect(built.items[0]).toMatchObject({ amount: 1079, quantity: 7 })
    expect(built.shippingInfo.feeAmount).toBe(0)
    expect(built.items[1]).toMatchObject({ kind: "discount", amount: 1 })
    expect(itemsTotal(built.items)).toBe(amountYen)
  })

  it.each([
    ["an amount that is not the cart's", () => build(jpyCart(), 8851), "not the cart's total"],
    ["a currency other than yen", () => build({ ...jpyCart(), currency_code: "eur" }), "JPY only"],
    [
      "a cart without a shipping address",
      () => build({ ...jpyCart(), delivery: null, customer: null }),
      "shipping address",
    ],
    ["a cart without lines", () => build({ ...jpyCart(), lines: [], total: "770" }, 770), "line"],
  ])("refuses %s before any call", (_, run, words) => {
    expect(run).toThrow(MedusaError)
    expect(run).toThrow(words)
  })

  it("always adds up to the amount for random Japanese carts (integers only)", () => {
    const carts = cartArbitrary({ currency: "jpy", rates: [10, 8, 0] })
    const codes = fc.array(fc.constantFrom("A10", "B5", null), { minLength: 8, maxLength: 8 })
    fc.assert(
      fc.property(carts, codes, (snapshot, lineCodes) => {
        const yenSnapshot = {
          ...snapshot,
          // promotion codes do not change a total: some lines share one, some have none
          items: snapshot.items.map((item, index) => ({
            ...item,
            adjustments: (item.adjustments ?? []).map((a) => ({ ...a, code: lineCodes[index] })),
          })),
          shipping_address: {
            address_1: "1-1",
            city: "Chiyoda",
            postal_code: "100-0001",
            country_code: "jp",
          },
        }
        const cart = buildCheckoutCart(yenSnapshot)
        const amountYen = toMinorUnits(cart.total, "JPY")
        const built = build(cart, amountYen)
        const integers = built.items.every(
          (i) =>
            Number.isSafeInteger(i.amount) && i.amount >= 0 && Number.isSafeInteger(i.quantity),
        )
        const discounts = built.items.filter((i) => i.kind === "discount")
        const codesUsed = new Set(
          cart.lines.flatMap((line) => (line.discounts ?? []).map((d) => d.code)),
        )
        const names = discounts.map((i) => i.name)
        // every product item is at least its line before discounts (rounded up, never down)
        const productsAtGross = cart.lines.every((line) => {
          const product = built.items.find((i) => i.reference === line.line_item_id)!
          const gross = (line.discounts ?? []).reduce(
            (sum, d) => sum.plus(d.amount_incl_tax),
            toDecimal(line.total),
          )
          return toDecimal(product.amount).times(line.quantity).gte(gross)
        })
        return (
          integers &&
          productsAtGross &&
          Number.isSafeInteger(built.shippingInfo.feeAmount) &&
          itemsTotal(built.items) + built.shippingInfo.feeAmount === amountYen &&
          discounts.every((i) => i.amount > 0 && i.quantity === 1) &&
          new Set(names).size === names.length &&
          names.filter((n) => n !== ROUNDING_NAME).length <= codesUsed.size &&
          discounts.length <= codesUsed.size + 1
        )
      }),
      { numRuns: 500 },
    )
  })
})
