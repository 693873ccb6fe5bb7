import { buildRefundRequest, MspRefundPlan } from "../refunds/build-refund-request"
import { cartItemResolver } from "../refunds/cart-item-resolver"
import { buildShoppingCart } from "../checkout/build-shopping-cart"
import { DEFAULT_REFUND_CONVENTION, RefundConvention } from "../gateways"
import { O1_CHECKOUT_CART, o1Order } from "../__fixtures__/order-o1"
import { amountIntent, o1Intent } from "../__fixtures__/o1-refund-intents"
import { MspOrder } from "../api/schemas"
import { RefundIntent } from "../../../core/provider-refunds"
import { CartRefundRequest } from "../api/requests"

const itemRefs = buildShoppingCart(O1_CHECKOUT_CART, 9500).item_refs
const resolver = cartItemResolver(
  {
    order_id: "payses_o1",
    attempt: 1,
    gateway: "KLARNA",
    payment_type: "KLARNA",
    currency: "EUR",
    amount_minor: 9500,
    payment_url: null,
    status: "completed",
    item_refs: itemRefs,
  },
  O1_CHECKOUT_CART,
)

function build(
  intent: RefundIntent,
  options: { order?: MspOrder; payLater?: boolean; convention?: RefundConvention } = {},
): MspRefundPlan {
  return buildRefundRequest({
    intent,
    order: options.order ?? o1Order(),
    payLater: options.payLater ?? true,
    convention: options.convention ?? DEFAULT_REFUND_CONVENTION,
    resolver,
  })
}

const extraLines = (plan: MspRefundPlan) =>
  (plan.body as CartRefundRequest).checkout_data.items.slice(o1Order().shopping_cart!.items.length)

// Vectors TV1–TV12: docs/gateways/multisafepay.md#test-vectors
describe("MultiSafepay refund requests (the test vectors)", () => {
  it("TV1: one returned T-shirt is the cart plus a copy with quantity −1, 30.00", () => {
    const plan = build(o1Intent({ ordli_shirt: 1 }))
    expect(plan.mode).toBe("cart")
    expect(plan.body).not.toHaveProperty("amount")
    expect(extraLines(plan)).toEqual([
      {
        name: "T-shirt M",
        description: "",
        unit_price: 24.7933884298,
        quantity: -1,
        merchant_item_id: "L1",
        tax_table_selector: "21",
      },
    ])
    expect((plan.body as CartRefundRequest).checkout_data.items.slice(0, 3)).toEqual(
      o1Order().shopping_cart!.items.map((i) => ({ ...i, unit_price: Number(i.unit_price) })),
    )
    expect(plan.expected_minor).toBe(3000)
    expect(plan.requested_minor).toBe(3000)
    expect(plan.body.refund_order_id).toBe("lr_0123456789abcdef0123456789abcdef01234")
    expect(plan.body.description).toBe("Return refund: 1× T-shirt M")
  })

  it("negative quantity is the default for every pay-later method", () => {
    expect(DEFAULT_REFUND_CONVENTION).toBe("negative_quantity")
  })

  it("TV1, Klarna's convention (explicit option): a negative-price copy, same 30.00", () => {
    const plan = build(o1Intent({ ordli_shirt: 1 }), { convention: "negative_unit_price" })
    expect(extraLines(plan)).toEqual([
      expect.objectContaining({ merchant_item_id: "L1", unit_price: -24.7933884298, quantity: 1 }),
    ])
    expect(plan.expected_minor).toBe(3000)
  })

  it("TV2: two mugs and the full shipping, shipping as its own line mirroring msp-shipping, 25.00", () => {
    const plan = build(o1Intent({ ordli_mug: 2 }, { shipping: true }))
    expect(extraLines(plan)).toEqual([
      expect.objectContaining({
        merchant_item_id: "L2",
        unit_price: 9.1743119266,
        quantity: -2,
        tax_table_selector: "9",
      }),
      {
        name: "Shipping refund",
        description: "Standard",
        unit_price: 4.132231405,
        quantity: -1,
        merchant_item_id: "msp-shipping-r1",
        tax_table_selector: "21",
      },
    ])
    expect(plan.expected_minor).toBe(2500)
  })

  it("TV2, Klarna's convention: the shipping line has a negative price too", () => {
    const plan = build(o1Intent({ ordli_mug: 2 }, { shipping: true }), {
      convention: "negative_unit_price",
    })
    expect(extraLines(plan).map((i) => [i.merchant_item_id, i.unit_price, i.quantity])).toEqual([
      ["L2", -9.1743119266, 2],
      ["msp-shipping-r1", -4.132231405, 1],
    ])
    expect(plan.expected_minor).toBe(2500)
  })

  it("TV3: a second refund resends the current cart, earlier refund lines included", () => {
    const first = extraLines(build(o1Intent({ ordli_shirt: 1 })))
    const afterFirst = o1Order({
      shopping_cart: {
        items: [
          ...o1Order().shopping_cart!.items,
          ...first.map((i) => ({ ...i, unit_price: i.unit_price.toFixed(10) })),
        ],
      },
    } as Partial<MspOrder>)
    const second = build(o1Intent({ ordli_shirt: 1 }, { ledgerUnits: { ordli_shirt: 1 } }), {
      order: afterFirst,
    })
    const items = (second.body as CartRefundRequest).checkout_data.items
    expect(items).toHaveLength(5)
    expect(items[4]).toEqual(
      expect.objectContaining({ merchant_item_id: "L1", unit_price: 24.7933884298, quantity: -1 }),
    )
    expect(second.expected_minor).toBe(3000)
  })

  it("TV6: an amount-only refund of a pay-later order is one refund line at the 0 table", () => {
    const plan = build(amountIntent("12.34"))
    expect(extraLines(plan)).toEqual([
      expect.objectContaining({
        name: "Refund",
        unit_price: 12.34,
        quantity: -1,
        tax_table_selector: "0",
      }),
    ])
    expect(plan.expected_minor).toBe(1234)
    const klarna = build(amountIntent("12.34"), { convention: "negative_unit_price" })
    expect(extraLines(klarna)).toEqual([
      expect.objectContaining({ unit_price: -12.34, quantity: 1, tax_table_selector: "0" }),
    ])
    expect(klarna.expected_minor).toBe(1234)
  })

  it("TV6: refuses when the order has no 0 table, since refunds cannot add tables", () => {
    const order = o1Order({
      checkout_options: { alternate: [{ name: "21", rules: [{ rate: "0.21" }] }] },
    } as Partial<MspOrder>)
    expect(() => build(amountIntent("12.34"), { order })).toThrow(
      /^MultiSafepay cannot refund this at a tax rate its order was not paid with, so nothing was sent\. Refund it in MultiSafepay's dashboard instead; .* \(MultiSafepay order payses_o1, tax table "0", item refund-\w+\)$/,
    )
  })

  it("TV8: more units than MultiSafepay has left to refund is refused before any call", () => {
    const order = o1Order({
      shopping_cart: {
        items: [
          ...o1Order().shopping_cart!.items,
          {
            merchant_item_id: "L1",
            name: "T-shirt M",
            description: "",
            unit_price: "24.7933884298",
            quantity: -2,
            tax_table_selector: "21",
          },
        ],
      },
    } as Partial<MspOrder>)
    expect(() => build(o1Intent({ ordli_shirt: 1 }), { order })).toThrow(
      'MultiSafepay has no units of "T-shirt M" left to refund (1 asked), so nothing was sent. Some may have been refunded in MultiSafepay\'s dashboard: check there before refunding by amount.',
    )
  })

  it("TV9: the full return refunds 95.00", () => {
    const plan = build(o1Intent({ ordli_shirt: 2, ordli_mug: 3 }, { shipping: true }))
    expect(extraLines(plan).map((i) => [i.merchant_item_id, i.quantity])).toEqual([
      ["L1", -2],
      ["L2", -3],
      ["msp-shipping-r1", -1],
    ])
    expect(plan.expected_minor).toBe(9500)
  })

  it("TV10: an iDEAL order is refunded by amount, in minor units, with no cart", () => {
    const plan = build(o1Intent({ ordli_shirt: 1 }), { payLater: false })
    expect(plan.body).toEqual({
      currency: "EUR",
      amount: 3000,
      description: "Return refund: 1× T-shirt M",
      refund_order_id: "lr_0123456789abcdef0123456789abcdef01234",
    })
  })

  it("never sends an amount that rounds to 0 (MultiSafepay would refund everything)", () => {
    expect(() => build(amountIntent("0.004"), { payLater: false })).toThrow("rounds to nothing")
  })

  it("TV4: tolerates MultiSafepay's one-cent rounding and reports it", () => {
    // 3 × 20.00 gross with 10.00 line discount folded in: 13.7741046832 ex VAT per unit
    const order = o1Order({
      amount: 5000,
      shopping_cart: {
        items: [
          {
            merchant_item_id: "L1",
            name: "T-shirt M",
            description: "",
            unit_price: "13.7741046832",
            quantity: 3,
            tax_table_selector: "21",
          },
        ],
      },
    } as Partial<MspOrder>)
    const intent = amountIntent("16.67")
    const plan = buildRefundRequest({
      intent: {
        ...intent,
        kind: "lines",
        plan: { ...o1Intent({ ordli_shirt: 1 }).plan!, amount: "16.67" },
      },
      order,
      payLater: true,
      convention: "negative_unit_price",
      resolver,
    })
    expect(plan.expected_minor).toBe(1666)
    expect(plan.requested_minor).toBe(1667)
  })

  it("refuses a refund MultiSafepay would compute more than one minor unit away", () => {
    const intent = o1Intent({ ordli_shirt: 1 })
    expect(() =>
      build({ ...intent, amount: "29.50", plan: { ...intent.plan!, amount: "29.50" } }),
    ).toThrow(
      "Under MultiSafepay's rounding these items would refund 30.00 EUR, not the 29.50 EUR asked, so nothing was sent. Refund them by amount instead.",
    )
  })

  it("adds what earlier refunds left over before rounding an amount refund", () => {
    const intent = amountIntent("29.282")
    const withCarry = (carry: string): RefundIntent => ({
      ...intent,
      plan: { ...o1Intent({}).plan!, amount: "29.28", gateway_carry: carry },
    })
    const sent = (carry: string) =>
      (build(withCarry(carry), { payLater: false }).body as { amount: number }).amount
    expect(sent("0")).toBe(2928)
    expect(sent("0.002")).toBe(2928)
    expect(sent("0.004")).toBe(2929)
    expect(sent("-0.004")).toBe(2928)
  })

  it("a cart refund is checked against the carried amount, not this refund's alone", () => {
    const intent = o1Intent({ ordli_shirt: 1 })
    // Medusa owes 29.996 for the shirt after an earlier refund MultiSafepay rounded 0.004 down:
    // 30.00 is what MultiSafepay's cart refunds and exactly what is owed with the carry.
    const plan = build({
      ...intent,
      amount: "29.996",
      plan: { ...intent.plan!, gateway_carry: "0.004" },
    })
    expect(plan.requested_minor).toBe(3000)
    expect(plan.expected_minor).toBe(3000)
  })
})
