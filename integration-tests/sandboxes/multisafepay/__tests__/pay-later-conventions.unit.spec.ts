/**
 * How pay-later refund lines must be written (README "Refund conventions"): by default a copy
 * of the sold line with a negative quantity, where a negative unit_price cancels the order;
 * on gateways the account runs on the Klarna convention, a copy with a negative unit_price.
 */
import {
  createPaidOrder,
  currentCart,
  o1Body,
  startTestSandbox,
  TestSandbox,
} from "./support/sandbox-client"

let t: TestSandbox
beforeAll(async () => {
  t = await startTestSandbox({ negativeUnitPriceGateways: ["KLARNA"] })
})
afterAll(() => t.sandbox.close())
beforeEach(() => {
  t.sandbox.control.reset()
  t.sandbox.control.setAutoNotify(false)
})

const L1 = {
  name: "T-shirt M",
  description: "",
  unit_price: 24.7933884298,
  merchant_item_id: "L1",
  tax_table_selector: "21",
}
const negativeQuantity = { ...L1, quantity: -1 }
const negativeUnitPrice = { ...L1, unit_price: -L1.unit_price, quantity: 1 }
/** A refund of 12.34 that is no copy of a sold line, at the "0" table. */
const amountLine = (unitPrice: number, quantity: number) => ({
  name: "Refund",
  unit_price: unitPrice,
  quantity,
  merchant_item_id: "refund-r1",
  tax_table_selector: "0",
})

async function paidO1(orderId: string, gateway: string) {
  await createPaidOrder(t, o1Body(orderId, gateway))
  return currentCart(t, orderId)
}

const refund = (orderId: string, items: unknown[]) =>
  t.api("POST", `orders/${orderId}/refunds`, { checkout_data: { items } })

const refunds = async (orderId: string) =>
  (await t.api("GET", `orders/${orderId}`)).body.data.related_transactions.filter(
    (transaction: { type: string }) => transaction.type === "refund",
  )

describe("pay-later refunds by default (negative quantity)", () => {
  it.each(["AFTERPAY", "IN3", "BILLINK", "EINVOICE", "PAYAFTER", "BNPL_MF"])(
    "%s refunds a copy of the line with a negative quantity",
    async (gateway) => {
      const orderId = `nq-${gateway}`
      const cart = await paidO1(orderId, gateway)
      const answer = await refund(orderId, [...cart, negativeQuantity])
      expect(answer.status).toBe(200)
      expect(answer.body.data.refund_id).toEqual(expect.any(Number))
      expect((await refunds(orderId)).map((r: { amount: number }) => r.amount)).toEqual([3000])
    },
  )

  it("a copy with a negative unit_price cancels the order: no refund is made", async () => {
    const cart = await paidO1("cancel", "AFTERPAY")
    const answer = await refund("cancel", [...cart, negativeUnitPrice])
    expect(answer.status).toBe(200)
    const order = (await t.api("GET", "orders/cancel")).body.data
    expect(answer.body).toEqual({
      success: true,
      data: { transaction_id: order.transaction_id, status: "cancelled" },
    })
    expect(order).toMatchObject({ status: "cancelled", amount_refunded: 0 })
    expect(await refunds("cancel")).toEqual([])
    expect(order.shopping_cart.items).toHaveLength(3)

    // nothing can be refunded from a cancelled order
    const after = await refund("cancel", [...cart, negativeQuantity])
    expect(after.body.error_code).toBe(1034)
    expect(after.body.error_info).toContain("cancelled")
  })

  it("the cancellation is notified like any change of the order", async () => {
    const cart = await paidO1("cancel-notified", "IN3")
    t.sandbox.control.setAutoNotify(true)
    await refund("cancel-notified", [...cart, negativeUnitPrice])
    await t.sandbox.control.settleNotifications()
    const [notification] = t.sandbox.control.notifications()
    expect(JSON.parse(notification.body)).toMatchObject({
      order_id: "cancel-notified",
      status: "cancelled",
    })
  })

  it('an amount-only line at the "0" table: positive unit_price, quantity -1', async () => {
    const cart = await paidO1("amount-nq", "IN3")
    const answer = await refund("amount-nq", [...cart, amountLine(12.34, -1)])
    expect(answer.status).toBe(200)
    expect((await refunds("amount-nq")).map((r: { amount: number }) => r.amount)).toEqual([1234])
  })

  it("an amount-only line with a negative unit_price cancels the order too", async () => {
    const cart = await paidO1("amount-cancel", "BILLINK")
    const answer = await refund("amount-cancel", [...cart, amountLine(-12.34, 1)])
    expect(answer.body.data.status).toBe("cancelled")
    expect(await refunds("amount-cancel")).toEqual([])
  })

  it("a line copying the price but not lowering the total is refused, not a cancellation", async () => {
    const cart = await paidO1("raise", "IN3")
    const answer = await refund("raise", [...cart, { ...L1, quantity: 1 }])
    expect(answer.body.error_code).toBe(1000)
    expect((await t.api("GET", "orders/raise")).body.data.status).toBe("completed")
  })
})

describe("the Klarna convention (negativeUnitPriceGateways)", () => {
  it("refunds a copy with a negative unit_price and quantity ≥ 1", async () => {
    const cart = await paidO1("klarna", "KLARNA")
    const answer = await refund("klarna", [...cart, negativeUnitPrice])
    expect(answer.body.data.refund_id).toEqual(expect.any(Number))
    expect((await t.api("GET", "orders/klarna")).body.data.status).toBe("completed")
  })

  it("refuses a negative quantity, naming the convention", async () => {
    const cart = await paidO1("klarna-nq", "KLARNA")
    const refused = await refund("klarna-nq", [...cart, negativeQuantity])
    expect(refused.body.error_code).toBe(1000)
    expect(refused.body.error_info).toContain("negative_unit_price")
  })

  it("an amount-only line: negative unit_price with quantity 1; the other form is refused", async () => {
    const cart = await paidO1("klarna-amount", "KLARNA")
    const refused = await refund("klarna-amount", [...cart, amountLine(12.34, -1)])
    expect(refused.body.error_info).toContain("negative unit_price and a positive quantity")
    expect((await refund("klarna-amount", [...cart, amountLine(-12.34, 1)])).status).toBe(200)
    expect((await refunds("klarna-amount")).map((r: { amount: number }) => r.amount)).toEqual([
      1234,
    ])
  })
})

describe("orders that are not pay-later keep either form", () => {
  it.each([
    ["negative quantity", negativeQuantity],
    ["negative unit_price", negativeUnitPrice],
  ])("an IDEAL order with a cart refunds a copy with a %s", async (_form, line) => {
    const cart = await paidO1(`ideal-${_form}`, "IDEAL")
    const answer = await refund(`ideal-${_form}`, [...cart, line])
    expect(answer.body.data.refund_id).toEqual(expect.any(Number))
  })
})
