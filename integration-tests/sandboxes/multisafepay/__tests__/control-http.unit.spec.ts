import {
  createPaidOrder,
  o1Body,
  orderBody,
  startTestSandbox,
  TestSandbox,
} from "./support/sandbox-client"

let t: TestSandbox
beforeAll(async () => {
  t = await startTestSandbox()
})
afterAll(() => t.sandbox.close())
beforeEach(async () => {
  await t.control("POST", "reset")
  await t.control("POST", "auto-notify", { enabled: false })
})

describe("HTTP control API", () => {
  it("pays, refunds, completes and fails refunds over HTTP without an api_key", async () => {
    await t.api("POST", "orders", orderBody({ order_id: "c1" }))
    const paid = await t.control("POST", "orders/c1/pay", { gateway: "IDEAL" })
    expect(paid.status).toBe(200)
    expect(paid.body).toMatchObject({ status: "completed", payment_details: { type: "IDEAL" } })
    expect((await t.control("POST", "orders/c1/pay", {})).status).toBe(400)

    const first = (await t.api("POST", "orders/c1/refunds", { currency: "EUR", amount: 1000 })).body
      .data.refund_id
    const second = (await t.api("POST", "orders/c1/refunds", { currency: "EUR", amount: 2000 }))
      .body.data.refund_id
    expect((await t.control("POST", `orders/c1/refunds/${first}/complete`)).body.status).toBe(
      "partial_refunded",
    )
    const failed = await t.control("POST", `orders/c1/refunds/${second}/fail`, {
      reason: "no balance",
    })
    expect(failed.body).toMatchObject({ amount_refunded: 1000 })
    expect((await t.control("POST", `orders/c1/refunds/${second}/fail`)).status).toBe(400)
    expect((await t.control("GET", "orders/c1")).body.related_transactions[1]).toMatchObject({
      status: "declined",
      reason: "no balance",
    })
    expect((await t.control("GET", "orders/nope")).status).toBe(404)
  })

  it("dashboard refund, clock, faults, logs and reset", async () => {
    await createPaidOrder(t, o1Body("c2", "KLARNA"))
    const dashboard = await t.control("POST", "orders/c2/dashboard-refund", {
      amount: 250,
      status: "completed",
    })
    expect(dashboard.body).toMatchObject({
      refund_id: expect.any(Number),
      order: { amount_refunded: 250, status: "completed" },
    })

    const before = new Date((await t.control("GET", "clock")).body.now).getTime()
    const after = new Date(
      (await t.control("POST", "clock", { advanceMs: 301_000 })).body.now,
    ).getTime()
    expect(after - before).toBeGreaterThanOrEqual(301_000)

    expect(
      (await t.control("POST", "faults", { pathRegex: "orders/c2$", kind: "http_500" })).status,
    ).toBe(200)
    expect((await t.api("GET", "orders/c2")).status).toBe(500)
    expect((await t.control("POST", "faults", { kind: "http_500" })).status).toBe(400)
    expect((await t.control("POST", "faults", { path: "x", kind: "explode" })).status).toBe(400)

    const requests = (await t.control("GET", "requests")).body
    expect(requests.at(-1)).toMatchObject({
      method: "GET",
      path: "/v1/json/orders/c2",
      fault: "http_500",
      responseStatus: 500,
    })

    const notified = await t.control("POST", "orders/c2/notify", { timestampOffsetSeconds: -10 })
    expect(notified.body).toMatchObject({ orderId: "c2", trigger: "manual", method: "POST" })
    expect((await t.control("GET", "notifications")).body).toHaveLength(1)

    await t.control("POST", "reset")
    expect((await t.control("GET", "requests")).body).toEqual([])
    expect((await t.control("GET", "notifications")).body).toEqual([])
    expect((await t.api("GET", "orders/c2")).status).toBe(404)
  })

  it("answers unknown control endpoints with 404", async () => {
    expect((await t.control("POST", "explode")).status).toBe(404)
  })
})

describe("payment page", () => {
  it("shows the order, pays with the chosen method and redirects back with ?transactionid=", async () => {
    const created = await t.api("POST", "orders", orderBody({ order_id: "p1" }))
    const page = await fetch(created.body.data.payment_url)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain("Pay")
    const done = await fetch(`${created.body.data.payment_url}/complete?method=IDEAL`, {
      redirect: "manual",
    })
    expect(done.status).toBe(302)
    expect(done.headers.get("location")).toBe("http://127.0.0.1:9/return?transactionid=p1")
    expect(t.sandbox.control.order("p1")).toMatchObject({
      status: "completed",
      payment_details: { type: "IDEAL" },
    })
  })

  it("cancel voids the payment and redirects to cancel_url", async () => {
    const created = await t.api("POST", "orders", orderBody({ order_id: "p2" }))
    const cancelled = await fetch(`${created.body.data.payment_url}/cancel`, { redirect: "manual" })
    expect(cancelled.status).toBe(302)
    expect(cancelled.headers.get("location")).toBe("http://127.0.0.1:9/cancel?transactionid=p2")
    expect(t.sandbox.control.order("p2")).toMatchObject({
      status: "void",
      financial_status: "void",
    })
  })
})
