import { paidOrder, refundBody, startTestSandbox, useTestSandbox } from "./support/sandbox-client"

// a fixed base clock: only advanceClock moves time, so windows are exact to the millisecond
const FIXED = () => Date.UTC(2026, 11, 1, 9)
const t = useTestSandbox({ now: FIXED })
const HOUR = 3600 * 1000

describe("Idempotency-Key (docs/gateways/smartpay.md#idempotency)", () => {
  it("a replay answers the original with Idempotency-Replayed and makes no second refund", async () => {
    const { orderId, paymentIds } = await paidOrder(t)
    const body = refundBody(paymentIds[0], 1000, { reference: "lr_1" })
    const first = await t.api("POST", "/refunds", body, { idempotencyKey: "lr_1" })
    expect(first.headers.get("idempotency-replayed")).toBeNull()
    const again = await t.api("POST", "/refunds", { ...body }, { idempotencyKey: "lr_1" })
    expect(again.status).toBe(200)
    expect(again.body).toEqual(first.body)
    expect(again.headers.get("idempotency-replayed")).toBe("true")
    expect(t.sandbox.control.refunds(orderId)).toHaveLength(1)
  })

  it("the same key with another body is 409 idempotency-key.mismatch; other endpoints too", async () => {
    const { orderId, paymentIds } = await paidOrder(t)
    await t.api("POST", "/refunds", refundBody(paymentIds[0], 1000), { idempotencyKey: "k1" })
    const other = await t.api("POST", "/refunds", refundBody(paymentIds[0], 1001), {
      idempotencyKey: "k1",
    })
    expect(other.status).toBe(409)
    expect(other.body.errorCode).toBe("idempotency-key.mismatch")
    expect(
      (await t.api("PUT", `/orders/${orderId}/cancellation`, undefined, { idempotencyKey: "k1" }))
        .status,
    ).toBe(409)
    expect(t.sandbox.control.refunds(orderId)).toHaveLength(1)
  })

  it("keys live 6 hours on the sandbox clock; then the same request acts again", async () => {
    const { orderId, paymentIds } = await paidOrder(t)
    const body = refundBody(paymentIds[0], 100)
    await t.api("POST", "/refunds", body, { idempotencyKey: "k6" })
    t.sandbox.control.advanceClock(6 * HOUR - 1)
    expect(
      (await t.api("POST", "/refunds", body, { idempotencyKey: "k6" })).headers.get(
        "idempotency-replayed",
      ),
    ).toBe("true")
    t.sandbox.control.advanceClock(1)
    const late = await t.api("POST", "/refunds", body, { idempotencyKey: "k6" })
    expect(late.headers.get("idempotency-replayed")).toBeNull()
    expect(t.sandbox.control.refunds(orderId)).toHaveLength(2)
  })

  it("a refund whose answer was lost is answered on retry, not made again", async () => {
    const { orderId, paymentIds } = await paidOrder(t)
    t.sandbox.control.failNext({ path: "/v1/refunds", kind: "lost_response" })
    const body = refundBody(paymentIds[0], 700)
    await expect(t.api("POST", "/refunds", body, { idempotencyKey: "lost" })).rejects.toThrow()
    t.sandbox.control.failNext({ path: "/v1/refunds", kind: "error_after_processing" })
    expect((await t.api("POST", "/refunds", body, { idempotencyKey: "lost" })).status).toBe(500)
    const retry = await t.api("POST", "/refunds", body, { idempotencyKey: "lost" })
    expect(retry.status).toBe(200)
    expect(retry.body.amount).toBe(700)
    expect(t.sandbox.control.refunds(orderId)).toHaveLength(1)
  })

  it("refusals are not kept: the key may be used again; GETs ignore keys", async () => {
    const { paymentIds } = await paidOrder(t)
    const over = await t.api("POST", "/refunds", refundBody(paymentIds[0], 9999), {
      idempotencyKey: "r",
    })
    expect(over.status).toBe(403)
    expect(
      (await t.api("POST", "/refunds", refundBody(paymentIds[0], 10), { idempotencyKey: "r" }))
        .status,
    ).toBe(200)
    const read1 = await t.api("GET", `/payments/${paymentIds[0]}`, undefined, {
      idempotencyKey: "r",
    })
    expect(read1.status).toBe(200)
    expect(
      (
        await t.api("POST", "/refunds", refundBody(paymentIds[0], 1), {
          idempotencyKey: "x".repeat(256),
        })
      ).status,
    ).toBe(400)
  })
})

describe("options", () => {
  it('idempotencyMismatch "replay" answers the original to another body; replayHeader renames the header', async () => {
    const other = await startTestSandbox({
      idempotencyMismatch: "replay",
      replayHeader: "Idempotent-Replayed",
    })
    try {
      const { orderId, paymentIds } = await paidOrder(other)
      const first = await other.api("POST", "/refunds", refundBody(paymentIds[0], 10), {
        idempotencyKey: "m",
      })
      const second = await other.api("POST", "/refunds", refundBody(paymentIds[0], 20), {
        idempotencyKey: "m",
      })
      expect(second.body).toEqual(first.body)
      expect(second.headers.get("idempotent-replayed")).toBe("true")
      expect(other.sandbox.control.refunds(orderId)).toHaveLength(1)
    } finally {
      await other.sandbox.close()
    }
  })

  it("idempotencyKeyLifetimeMs and authorizationLifetimeMs change the windows", async () => {
    const other = await startTestSandbox({
      idempotencyKeyLifetimeMs: 1000,
      authorizationLifetimeMs: 5000,
    })
    try {
      const { orderId, paymentIds } = await paidOrder(other)
      const body = refundBody(paymentIds[0], 10)
      await other.api("POST", "/refunds", body, { idempotencyKey: "w" })
      other.sandbox.control.advanceClock(1000)
      await other.api("POST", "/refunds", body, { idempotencyKey: "w" })
      expect(other.sandbox.control.refunds(orderId)).toHaveLength(2)
      const second = await paidOrder(other, { captures: [] })
      other.sandbox.control.advanceClock(5000)
      expect(other.sandbox.control.order(second.orderId)!.status).toBe("canceled")
    } finally {
      await other.sandbox.close()
    }
  })
})
