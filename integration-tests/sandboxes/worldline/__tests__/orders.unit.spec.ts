import { createOrder, orderBody, useTestSandbox } from "./support/sandbox-client"

const t = useTestSandbox({ now: () => Date.parse("2026-12-02T10:00:00.000Z") })

describe("POST …/orders/{orderId} (docs/gateways/worldline.md#orders-and-payments)", () => {
  it("creates the order (201) with the hosted page's URL, and GET reads it in the doc's shape", async () => {
    const created = await createOrder(t, "payses_01")
    expect(created.body.redirectUrl).toMatch(
      new RegExp(`^${t.sandbox.origin}/pay/\\?creq=[\\w%-]+$`),
    )
    expect(created.body.orderState).toBe("Registered")
    const read = await t.api("GET", "/payses_01")
    expect(read.status).toBe(200)
    expect(read.body).toEqual({
      mid: "1570616552",
      orderId: "payses_01",
      orderState: "Registered",
      paymentMethodId: 1000,
      capturable: false,
      orderAmount: { amount: 61.05, currency: "EUR" },
      authorizedAmount: { amount: 0, currency: "EUR" },
      capturedAmount: { amount: 0, currency: "EUR" },
      refundedAmount: { amount: 0, currency: "EUR" },
      transactions: [],
    })
    // amounts are written with the currency's decimals
    expect(read.text).toContain('"authorizedAmount":{"amount":0.00,"currency":"EUR"}')
  })

  it("paying authorises (Pending payment, capturable) and sends the shopper back with orderId and cres", async () => {
    await createOrder(t, "payses_02")
    const { redirectUrl } = t.sandbox.control.pay("payses_02")
    const back = new URL(redirectUrl)
    expect(`${back.origin}${back.pathname}`).toBe("https://shop.example/checkout/worldline/return")
    expect(back.searchParams.get("orderId")).toBe("payses_02")
    expect(back.searchParams.get("cres")).toMatch(/^[\w-]+$/)
    const read = (await t.api("GET", "/payses_02")).body
    expect(read).toMatchObject({
      orderState: "Pending payment",
      capturable: true,
      authorizedAmount: { amount: 61.05 },
    })
    expect(read.transactions).toEqual([
      expect.objectContaining({
        transactionType: "Authorization",
        state: "Processed",
        statusCode: 0,
        requestId: null,
      }),
    ])
  })

  it("a declined payment leaves the order Invalid with a Declined Authorization", async () => {
    await createOrder(t, "payses_03")
    t.sandbox.control.pay("payses_03", { outcome: "declined" })
    const read = t.sandbox.control.order("payses_03")!
    expect(read.orderState).toBe("Invalid")
    expect(read.transactions[0]).toMatchObject({
      transactionType: "Authorization",
      state: "Declined",
    })
  })

  it("autoCapture captures at payment", async () => {
    await createOrder(t, "payses_04", { autoCapture: true })
    t.sandbox.control.pay("payses_04")
    expect(t.sandbox.control.order("payses_04")).toMatchObject({
      orderState: "Paid",
      capturedAmount: { amount: 61.05 },
      capturable: false,
    })
  })

  it.each([
    ["EUR", 10.5, "10.50", 10.505],
    ["JPY", 1500, "1500", 1500.5],
    ["KWD", 1.25, "1.250", 1.2505],
  ])(
    "%s amounts carry its exponent: %s is written %s, %s is refused with 31002",
    async (currency, ok, text, bad) => {
      const body = (amount: number) =>
        orderBody({ amount: { amount, currency }, lineItems: undefined })
      const created = await t.api("POST", `/exp_${currency}`, body(ok))
      expect(created.status).toBe(201)
      expect(created.text).toContain(`"orderAmount":{"amount":${text},"currency":"${currency}"}`)
      const refused = await t.api("POST", `/exp2_${currency}`, body(bad))
      expect(refused.status).toBe(400)
      expect(refused.body).toEqual({ statusCode: 31002, description: expect.any(String) })
    },
  )

  it("line totals must add up to the amount (31010)", async () => {
    const answer = await t.api(
      "POST",
      "/lines",
      orderBody({ amount: { amount: 61.06, currency: "EUR" } }),
    )
    expect(answer.status).toBe(400)
    expect(answer.body.statusCode).toBe(31010)
  })

  it("refuses a used order id with 409 11001, and bad fields with 400", async () => {
    await createOrder(t, "dup")
    const again = await t.api("POST", "/dup", orderBody())
    expect(again.status).toBe(409)
    expect(again.body.statusCode).toBe(11001)
    const noChannel = await t.api(
      "POST",
      "/nochannel",
      orderBody({ transactionChannel: undefined }),
    )
    expect(noChannel.status).toBe(400)
    expect(noChannel.body.statusCode).toBe(31001)
    const longId = await t.api("POST", `/${"a".repeat(51)}`, orderBody())
    expect(longId.status).toBe(400)
    const badId = await t.api("POST", "/has.dot", orderBody())
    expect(badId.status).toBe(400)
    expect((await t.api("POST", `/${"a".repeat(50)}`, orderBody())).status).toBe(201)
  })

  it("an unknown order reads 404", async () => {
    const answer = await t.api("GET", "/nope")
    expect(answer.status).toBe(404)
    expect(answer.body).toEqual({ statusCode: 30404, description: expect.any(String) })
  })
})

describe("the hosted page", () => {
  it("shows Pay / Decline and redirects to the return URL", async () => {
    const created = await createOrder(t, "page1")
    const html = await fetch(created.body.redirectUrl)
    expect(html.status).toBe(200)
    const text = await html.text()
    expect(text).toContain("Pay")
    const link = /href="([^"]*outcome=authorized)"/.exec(text)![1].replace(/&amp;/g, "&")
    const paid = await fetch(`${t.sandbox.origin}${link}`, { redirect: "manual" })
    expect(paid.status).toBe(302)
    expect(paid.headers.get("location")).toMatch(
      /^https:\/\/shop\.example\/checkout\/worldline\/return\?orderId=page1&cres=/,
    )
    expect(t.sandbox.control.order("page1")!.orderState).toBe("Pending payment")
  })
})
