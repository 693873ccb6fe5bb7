import { controlClient } from "../../kit/demo-actions"
import { demoActions } from "../demo-actions"
import { createCheckout, paidOrder, refundBody, useTestSandbox } from "./support/sandbox-client"

const t = useTestSandbox()

describe("/_control (README: Control API)", () => {
  it("lists Smartpay's endpoints beside the kit's", async () => {
    const index = await t.control("GET", "")
    const paths = index.body.endpoints.map((e: any) => `${e.method} ${e.path}`)
    expect(paths).toEqual(
      expect.arrayContaining([
        "GET /_control/orders/:id",
        "GET /_control/orders/:id/refunds",
        "POST /_control/orders/:id/pay",
        "POST /_control/orders/:id/dashboard-refund",
        "POST /_control/refunds/:ref/settle",
        "POST /_control/refunds-start-as",
        "POST /_control/notify",
        "POST /_control/webhook-url",
        "POST /_control/faults",
        "POST /_control/reset",
      ]),
    )
  })

  it("finds orders by id, checkout session id or reference; refuses bad bodies", async () => {
    const { orderId, checkoutSessionId } = await createCheckout(t, { reference: "payses_c1" })
    const paid = await t.control("POST", "orders/payses_c1/pay", { outcome: "authorized" })
    expect(paid.body.order.id).toBe(orderId)
    expect((await t.control("GET", `orders/${checkoutSessionId}`)).body.status).toBe(
      "requires_capture",
    )
    expect((await t.control("GET", "orders/nope")).status).toBe(404)
    expect((await t.control("POST", `orders/${orderId}/pay`, { outcome: "maybe" })).status).toBe(
      400,
    )
    expect((await t.control("POST", "notify", { type: "order.paid", id: orderId })).status).toBe(
      400,
    )
  })

  it("echoes a webhook URL without secrets; settles refunds over HTTP", async () => {
    const set = await t.control("POST", "webhook-url", {
      url: "https://shop.example/hooks?token=s3cret",
    })
    expect(set.body.webhookUrl).toBe("https://shop.example/hooks?token=%5BREDACTED%5D")
    await t.control("POST", "webhook-url", { url: null })
    const { orderId, paymentIds } = await paidOrder(t)
    await t.control("POST", "refunds-start-as", { status: "pending" })
    const refund = await t.api("POST", "/refunds", refundBody(paymentIds[0], 50))
    const settled = await t.control("POST", `refunds/${refund.body.id}/settle`, {
      status: "succeeded",
    })
    expect(settled.body.status).toBe("succeeded")
    expect((await t.control("GET", `orders/${orderId}/refunds`)).body).toHaveLength(1)
    expect(
      (await t.control("POST", "refunds/refund_test_nope/settle", { status: "failed" })).status,
    ).toBe(404)
  })
})

describe("demoActions (the dev store's part)", () => {
  it("pays by session id, keeps a refund pending, fails it, and makes a dashboard refund", async () => {
    const control = controlClient(t.sandbox.origin)
    const { orderId } = await createCheckout(t, { reference: "payses_d1" })
    const gatewayOrder = demoActions.gatewayOrderOf({ session_id: "payses_d1" })
    expect(demoActions.gatewayOrderOf({ smartpay: { order_id: orderId } })).toBe(orderId)
    expect(() => demoActions.gatewayOrderOf({})).toThrow()
    const back = await demoActions.pay(control, gatewayOrder, {})
    expect(demoActions.sessionOfReturn(new URL(back!).searchParams)).toBe("payses_01")
    const capture = await t.api("POST", "/payments", {
      order: orderId,
      amount: 6500,
      currency: "JPY",
    })
    const answer = await demoActions.keepingRefundPending(control, () =>
      t.api("POST", "/refunds", refundBody(capture.body.id, 500), { idempotencyKey: "lr_demo" }),
    )
    expect(answer.body.status).toBe("pending")
    await demoActions.declineRefund(
      control,
      gatewayOrder,
      {
        idempotency_key: "lr_demo",
        gateway_reference: null,
        status: "pending",
        amount: "500",
        currency_code: "jpy",
      },
      "Account closed",
    )
    expect(t.sandbox.control.refunds(orderId)[0].status).toBe("failed")
    await demoActions.dashboardRefund(control, gatewayOrder, "1200", "jpy")
    expect(t.sandbox.control.refunds(orderId).map((r) => r.amount)).toEqual([500, 1200])
    await expect(
      demoActions.dashboardRefund(control, gatewayOrder, "12.50", "jpy"),
    ).rejects.toThrow(/whole yen/)
    // refunds succeed at once again afterwards
    expect((await t.api("POST", "/refunds", refundBody(capture.body.id, 1))).body.status).toBe(
      "succeeded",
    )
  })
})
