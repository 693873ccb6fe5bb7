import fc from "fast-check"
import { MedusaError } from "@medusajs/framework/utils"
import { buildCheckoutCart } from "../../../core/checkout-cart"
import { cartArbitrary } from "../../../core/checkout-cart/__tests__/cart-arbitrary"
import { toMinorUnits } from "../../../core/money"
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
          amount: 3050, // 2 × 3,300 less the line's 500 discount, per unit
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

  it("gives back what rounding unit prices up added as one positive discount item", () => {
    // 1,000 yen off 3 mugs: 4,940 / 3 = 1,646.67 a unit, sent as 1,647 (1 yen too much)
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
    expect(built.items[0]).toMatchObject({ amount: 1647, quantity: 3 })
    expect(built.items[1]).toEqual({
      kind: "discount",
      name: ROUNDING_NAME,
      amount: 1,
      currency: "JPY",
      quantity: 1,
    })
    expect(itemsTotal(built.items) + built.shippingInfo.feeAmount).toBe(amountYen)
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
    fc.assert(
      fc.property(carts, (snapshot) => {
        const yenSnapshot = {
          ...snapshot,
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
        return (
          integers &&
          Number.isSafeInteger(built.shippingInfo.feeAmount) &&
          itemsTotal(built.items) + built.shippingInfo.feeAmount === amountYen &&
          built.items.filter((i) => i.kind === "discount").length <= 1
        )
      }),
      { numRuns: 500 },
    )
  })
})
