import {
  CLIENT_ID,
  CLIENT_SECRET,
  MERCHANT_ID,
  orderBody,
  PAYMENT_SECRET,
  paidOrder,
  refundBody,
  useTestSandbox,
} from "./support/sandbox-client"

const t = useTestSandbox()

describe("control.requests()", () => {
  it("records every auth and API request in order, with secrets redacted", async () => {
    const token = await t.freshToken()
    await t.api("POST", "/orders", orderBody("q1"), { token })
    await t.api("POST", `/orders/q1/details?merchantId=${MERCHANT_ID}`, {}, { token })
    const requests = t.sandbox.control.requests()
    expect(requests.map((r) => [r.method, r.path, r.responseStatus])).toEqual([
      ["POST", "/auth/token", 200],
      ["POST", "/api/orders", 200],
      ["POST", "/api/orders/q1/details", 200],
    ])
    expect(requests[0]).toMatchObject({
      query: { expires_in: "1" },
      body: {
        client_id: CLIENT_ID,
        client_secret: "[REDACTED]",
        grant_type: "client_credentials",
        scope: "api-user",
      },
      fault: null,
      processedStatus: 200,
    })
    expect(requests[1].headers.authorization).toBe("Bearer [REDACTED]")
    expect(requests[1].body).toEqual(orderBody("q1"))
    expect(requests[2].query).toEqual({ merchantId: MERCHANT_ID })

    const everything = JSON.stringify(requests)
    expect(everything).not.toContain(CLIENT_SECRET)
    expect(everything).not.toContain(token)
    expect(everything).not.toContain(token.split(".")[2])
  })

  it("redacts a secret wherever a careless client put it", async () => {
    await t.tokenRequest({
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      grant_type: "client_credentials",
      scope: "api-user",
      note: `copy of ${CLIENT_SECRET}`,
    })
    await t.api("POST", `/orders?client_secret=${CLIENT_SECRET}`, {
      refundDescription: `payment secret ${PAYMENT_SECRET}`,
    })
    await fetch(`${t.sandbox.apiUrl}/orders`, {
      method: "POST",
      headers: { authorization: CLIENT_SECRET },
    })
    const requests = t.sandbox.control.requests()
    const everything = JSON.stringify(requests)
    expect(everything).not.toContain(CLIENT_SECRET)
    expect(everything).not.toContain(PAYMENT_SECRET)
    expect(requests[0].body).toMatchObject({ note: "copy of [REDACTED]" })
    expect(requests.at(-2)?.query).toEqual({ client_secret: "[REDACTED]" })
    expect(requests.at(-1)?.headers.authorization).toBe("[REDACTED]")
  })

  it("keeps unparseable bodies as text and shows the 401s of refused calls", async () => {
    await paidOrder(t, "q2")
    await t.api("POST", "/orders/q2/refund", refundBody("lr-q2", 1), { token: "stale" })
    await t.api("POST", "/orders/q2/refund", undefined, { rawBody: "{oops" })
    const [refused, broken] = t.sandbox.control.requests().slice(-2)
    expect(refused).toMatchObject({ processedStatus: 401, responseStatus: 401 })
    expect(broken).toMatchObject({ body: "{oops", responseStatus: 400 })
  })

  it("reset() forgets the log", async () => {
    await t.freshToken()
    t.sandbox.control.reset()
    expect(t.sandbox.control.requests()).toEqual([])
  })
})
