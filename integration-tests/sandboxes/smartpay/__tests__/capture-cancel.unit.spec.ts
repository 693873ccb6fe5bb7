import { createCheckout, paidOrder, useTestSandbox } from "./support/sandbox-client"

// a fixed base clock: only advanceClock moves time, so windows are exact to the millisecond
const t = useTestSandbox({ now: () => Date.UTC(2026, 11, 1, 9) })
const DAY = 24 * 3600 * 1000
const capture = (order: string, amount: number, extra: Record<string, unknown> = {}) =>
  t.api("POST", "/payments", { order, amount, currency: "JPY", ...extra })

describe("POST /payments (docs/gateways/smartpay.md#capture)", () => {
  it("by default one capture ends the rest: the order is succeeded", async () => {
    const { orderId, lineItemIds } = await createCheckout(t)
    t.sandbox.control.pay(orderId)
    const answer = await capture(orderId, 4000, {
      reference: "cap_1",
      description: "Staff capture",
    })
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({
      object: "payment",
      test: true,
      status: "processed",
      order: orderId,
      amount: 4000,
      currency: "JPY",
      lineItems: lineItemIds,
      refunds: [],
      reference: "cap_1",
    })
    expect(t.sandbox.control.order(orderId)!.status).toBe("succeeded")
    const again = await capture(orderId, 1)
    expect(again.status).toBe(403)
    expect(again.body.errorCode).toBe("order.cannot-capture")
    expect((await t.api("GET", `/payments/${answer.body.id}`)).body.amount).toBe(4000)
  })

  it("cancelRemainder manual allows several payments, up to the amount (payment.excessive-amount)", async () => {
    const { orderId } = await createCheckout(t)
    t.sandbox.control.pay(orderId)
    expect((await capture(orderId, 2500, { cancelRemainder: "manual" })).status).toBe(200)
    expect(t.sandbox.control.order(orderId)!.status).toBe("requires_capture")
    const over = await capture(orderId, 4001, { cancelRemainder: "manual" })
    expect(over.status).toBe(403)
    expect(over.body).toMatchObject({ statusCode: 403, errorCode: "payment.excessive-amount" })
    expect((await capture(orderId, 4000, { cancelRemainder: "manual" })).status).toBe(200)
    const order = t.sandbox.control.order(orderId)!
    expect(order.status).toBe("succeeded")
    expect(order.payments).toHaveLength(2)
  })

  it("refuses orders not awaiting capture, unknown orders, foreign lines and bad fields", async () => {
    const { orderId } = await createCheckout(t)
    expect((await capture(orderId, 100)).body.errorCode).toBe("order.cannot-capture")
    t.sandbox.control.pay(orderId)
    expect((await capture("order_test_nope", 100)).body).toMatchObject({
      statusCode: 404,
      errorCode: "order.not-found",
    })
    const other = await createCheckout(t)
    const foreign = await capture(orderId, 100, { lineItems: [other.lineItemIds[0]] })
    expect(foreign.status).toBe(400)
    expect(foreign.body.details[0]).toMatch(/not a line item of order/)
    expect((await capture(orderId, 100.5)).status).toBe(400)
    expect((await capture(orderId, 100, { currency: "USD" })).status).toBe(400)
    expect((await capture(orderId, 100, { cancelRemainder: "autommatic" })).status).toBe(400)
    expect((await capture(orderId, 100, { reference: "r".repeat(41) })).status).toBe(400)
    expect((await capture(orderId, 100, { description: "d".repeat(81) })).status).toBe(400)
  })

  it("a capture may name its lines: the payment covers those only", async () => {
    const { orderId, lineItemIds } = await createCheckout(t)
    t.sandbox.control.pay(orderId)
    const answer = await capture(orderId, 4000, {
      lineItems: [lineItemIds[0]],
      cancelRemainder: "manual",
    })
    expect(answer.body.lineItems).toEqual([lineItemIds[0]])
  })
})

describe("captures in the dashboard (control dashboardCapture)", () => {
  it("captures part of an authorised order and keeps the rest capturable by the API", async () => {
    const { orderId, lineItemIds } = await createCheckout(t)
    expect(() => t.sandbox.control.dashboardCapture(orderId, { amount: 100 })).toThrow(
      /nothing to capture/,
    )
    t.sandbox.control.pay(orderId)
    const payment = t.sandbox.control.dashboardCapture(orderId, { amount: 1500 })
    expect(payment).toMatchObject({
      object: "payment",
      status: "processed",
      order: orderId,
      amount: 1500,
      lineItems: lineItemIds,
      reference: null,
    })
    expect(t.sandbox.control.order(orderId)!.status).toBe("requires_capture")
    const total = t.sandbox.control.order(orderId)!.amount
    expect(() => t.sandbox.control.dashboardCapture(orderId, { amount: total })).toThrow(/exceeds/)
    expect(() => t.sandbox.control.dashboardCapture(orderId, { amount: 1.5 })).toThrow(
      /integer of yen/,
    )
    expect((await capture(orderId, total - 1500)).status).toBe(200)
    const order = t.sandbox.control.order(orderId)!
    expect(order.status).toBe("succeeded")
    expect(order.payments).toHaveLength(2)
  })
})

describe("PUT /orders/{id}/cancellation (docs/gateways/smartpay.md#cancellation)", () => {
  it("cancels before authorisation or before any capture; a canceled order answers unchanged", async () => {
    const a = await createCheckout(t)
    const canceled = await t.api("PUT", `/orders/${a.orderId}/cancellation`)
    expect(canceled.status).toBe(200)
    expect(canceled.body).toMatchObject({ object: "order", status: "canceled" })
    expect((await t.api("PUT", `/orders/${a.orderId}/cancellation`)).body.status).toBe("canceled")

    const b = await createCheckout(t)
    t.sandbox.control.pay(b.orderId)
    expect((await t.api("PUT", `/orders/${b.orderId}/cancellation`)).body.status).toBe("canceled")
    expect((await capture(b.orderId, 100)).body.errorCode).toBe("order.cannot-capture")
  })

  it("ends the rest of a partly captured order (succeeded) and refuses finished orders", async () => {
    const { orderId } = await paidOrder(t, { captures: [2000] })
    const answer = await t.api("PUT", `/orders/${orderId}/cancellation`)
    expect(answer.body.status).toBe("succeeded")
    const again = await t.api("PUT", `/orders/${orderId}/cancellation`)
    expect(again.status).toBe(403)
    expect(again.body.errorCode).toBe("order.cannot-cancel")
    const rejected = await createCheckout(t)
    t.sandbox.control.pay(rejected.orderId, { outcome: "rejected" })
    expect((await t.api("PUT", `/orders/${rejected.orderId}/cancellation`)).status).toBe(403)
    expect((await t.api("PUT", "/orders/order_test_nope/cancellation")).status).toBe(404)
  })
})

describe("7 days without capture (docs/gateways/smartpay.md#capture)", () => {
  it("cancels an authorised, uncaptured order on the kit's clock; a partly captured one is succeeded", async () => {
    const a = await createCheckout(t)
    t.sandbox.control.pay(a.orderId)
    const b = await paidOrder(t, { captures: [1000] })
    t.sandbox.control.advanceClock(7 * DAY - 1)
    expect(t.sandbox.control.order(a.orderId)!.status).toBe("requires_capture")
    t.sandbox.control.advanceClock(1)
    expect((await t.api("GET", `/orders/${a.orderId}`)).body.status).toBe("canceled")
    expect(t.sandbox.control.order(b.orderId)!.status).toBe("succeeded")
    expect((await capture(b.orderId, 100)).body.errorCode).toBe("order.cannot-capture")
  })
})
