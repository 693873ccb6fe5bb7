import { createOrder, paidOrder, refundBody, useTestSandbox } from "./support/sandbox-client"

const t = useTestSandbox()

describe("HTTP control API", () => {
  it("GET /_control/requests answers (the dev store's readiness check)", async () => {
    const answer = await t.control("GET", "requests")
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual([])
  })

  it("pays, reads raw state and refuses misuse with { error }", async () => {
    await createOrder(t, "h1")
    const paid = await t.control("POST", "orders/h1/pay", {
      status: "SUCCESSFUL",
      providerReference: "prov-1",
      surchargeAmount: "1.25",
    })
    expect(paid.status).toBe(200)
    expect(new URL(paid.body.redirectUrl).searchParams.get("providerReference")).toBe("prov-1")
    const state = await t.control("GET", "orders/h1")
    expect(state.body).toMatchObject({ status: "SUCCESSFUL", surchargeCents: 125 })
    const again = await t.control("POST", "orders/h1/pay", {})
    expect(again.status).toBe(400)
    expect(again.body.error).toMatch(/only an INITIATED or PENDING order/)
    expect((await t.control("GET", "orders/nope")).status).toBe(404)
    expect((await t.control("POST", "orders/nope/pay", {})).status).toBe(404)
  })

  it("settles pending refunds, makes portal refunds, notifies", async () => {
    expect((await t.control("POST", "refunds-start-as", { status: "PENDING" })).status).toBe(200)
    await paidOrder(t, "h2")
    await t.api("POST", "/orders/h2/refund", refundBody("lr-h2", 10))
    const settled = await t.control("POST", "orders/h2/refunds/lr-h2-00/settle", {
      status: "FAILED",
      reason: "Declined",
    })
    expect(settled.status).toBe(200)
    expect(settled.body.refunds[0]).toMatchObject({
      status: "FAILED",
      refundFailureReason: "Declined",
    })
    const portal = await t.control("POST", "orders/h2/dashboard-refund", {
      amount: "3.00",
      status: "SUCCESSFUL",
    })
    expect(portal.body).toMatchObject({
      refundId: expect.stringMatching(/^portal-/),
      order: { refunds: [{ status: "FAILED" }, { amount: "3.00", status: "SUCCESSFUL" }] },
    })
    const over = await t.control("POST", "orders/h2/dashboard-refund", { amount: "200.00" })
    expect(over.body).toEqual({ error: "You can only refund amount up to AUD 140.11" })
    const notified = await t.control("POST", "orders/h2/notify", { body: { forged: true } })
    expect(notified.body).toMatchObject({
      orderReference: "h2",
      trigger: "manual",
      url: null,
      outcome: "no_url",
      body: '{"forged":true}',
    })
    expect((await t.control("GET", "notifications")).body).toHaveLength(1)
  })

  it("tokens, clock, faults, auto-notify, settle and reset", async () => {
    const token = await t.freshToken()
    expect((await t.control("POST", "expire-tokens")).body).toEqual({ revoked: 1 })
    expect((await t.api("POST", "/orders", {}, { token })).status).toBe(401)

    const before = new Date((await t.control("GET", "clock")).body.now).getTime()
    const after = new Date((await t.control("POST", "clock", { advanceMs: 60_000 })).body.now)
    expect(after.getTime() - before).toBeGreaterThanOrEqual(60_000)

    expect(
      (await t.control("POST", "faults", { path: "/api/orders", kind: "http_500" })).status,
    ).toBe(200)
    expect((await t.api("POST", "/orders", {}, { token: await t.freshToken() })).status).toBe(500)
    expect((await t.control("POST", "faults", { kind: "http_500" })).status).toBe(400)
    expect((await t.control("POST", "faults", { path: "/api", kind: "boom" })).status).toBe(400)

    expect((await t.control("POST", "auto-notify", { enabled: true })).body).toEqual({
      autoNotify: true,
    })
    expect((await t.control("POST", "auto-notify", { enabled: "yes" })).status).toBe(400)
    expect((await t.control("POST", "settle-notifications")).body).toEqual({ ok: true })
    expect((await t.control("POST", "refunds-start-as", { status: "LATER" })).status).toBe(400)

    expect((await t.control("POST", "reset")).body).toEqual({ ok: true })
    expect((await t.control("GET", "requests")).body).toEqual([])
    expect(t.sandbox.control.order("h1")).toBeUndefined()
  })

  it("answers unknown endpoints with 404 and bad JSON with 400", async () => {
    expect((await t.control("POST", "explode")).status).toBe(404)
    const bad = await fetch(`${t.sandbox.origin}/_control/reset`, { method: "POST", body: "{" })
    expect(bad.status).toBe(400)
    expect((await fetch(`${t.sandbox.origin}/elsewhere`)).status).toBe(404)
  })
})
