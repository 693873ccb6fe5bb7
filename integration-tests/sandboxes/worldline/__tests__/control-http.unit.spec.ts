import { controlClient } from "../../kit/demo-actions"
import { demoActions } from "../demo-actions"
import { createOrder, paidOrder, refundBody, useTestSandbox } from "./support/sandbox-client"

const t = useTestSandbox()

describe("/_control (README: Control API)", () => {
  it("lists Worldline's endpoints beside the kit's", async () => {
    const index = await t.control("GET", "")
    const paths = index.body.endpoints.map((e: any) => `${e.method} ${e.path}`)
    expect(paths).toEqual(
      expect.arrayContaining([
        "GET /_control/orders/:id",
        "POST /_control/orders/:id/pay",
        "POST /_control/orders/:id/refunds/:ref/settle",
        "POST /_control/orders/:id/dashboard-refund",
        "POST /_control/orders/:id/notify",
        "POST /_control/credits-start-as",
        "POST /_control/notification-url",
        "POST /_control/faults",
      ]),
    )
  })

  it("pays, reads and refuses bad bodies over HTTP", async () => {
    await createOrder(t, "h1")
    const paid = await t.control("POST", "orders/h1/pay", { outcome: "authorized" })
    expect(paid.body.redirectUrl).toContain("orderId=h1")
    expect((await t.control("GET", "orders/h1")).body.orderState).toBe("Pending payment")
    expect((await t.control("GET", "orders/nope")).status).toBe(404)
    expect((await t.control("POST", "orders/h1/pay", { outcome: "maybe" })).status).toBe(400)
  })

  it("settles every Registered refund of a request id spread over two captures", async () => {
    await paidOrder(t, "h2", { captures: [20, 41.05] })
    await t.control("POST", "credits-start-as", { state: "Registered" })
    const refund = await t.api("POST", "/h2/refunds", refundBody("two", 30))
    expect(refund.body.transactions).toHaveLength(2)
    const settled = await t.control("POST", "orders/h2/refunds/two/settle", { state: "Processed" })
    expect(settled.body.refundedAmount).toEqual({ amount: 30, currency: "EUR" })
  })
})

describe("demoActions (the dev store's part)", () => {
  it("pays, keeps a refund pending, declines it by its reference, and makes a portal refund", async () => {
    const control = controlClient(t.sandbox.origin)
    await createOrder(t, "payses_d1-2")
    const gatewayOrder = demoActions.gatewayOrderOf({ worldline: { order_id: "payses_d1-2" } })
    const back = await demoActions.pay(control, gatewayOrder, {})
    const query = new URL(back!).searchParams
    expect(demoActions.sessionOfReturn(query)).toBe("payses_d1")
    await t.api("POST", "/payses_d1-2/captures", { requestId: "cap" })
    const answer = await demoActions.keepingRefundPending(control, () =>
      t.api("POST", "/payses_d1-2/refunds", refundBody("lr_demo", 5)),
    )
    expect(answer.body.transactions[0].state).toBe("Registered")
    await demoActions.declineRefund(
      control,
      gatewayOrder,
      {
        idempotency_key: "lr_demo",
        gateway_reference: null,
        status: "pending",
        amount: "5",
        currency_code: "eur",
      },
      "Account closed",
    )
    expect(t.sandbox.control.refunds("payses_d1-2")[0]).toMatchObject({
      state: "Declined",
      description: "Account closed",
    })
    await demoActions.dashboardRefund(control, gatewayOrder, "2.50", "eur")
    expect(t.sandbox.control.order("payses_d1-2")!.refundedAmount.amount).toBe(2.5)
    // credits start Processed again afterwards
    expect(
      (await t.api("POST", "/payses_d1-2/refunds", refundBody("after", 1))).body.transactions[0]
        .state,
    ).toBe("Processed")
  })
})
