import { orderBody, useTestSandbox } from "./support/sandbox-client"

const t = useTestSandbox()
const create = (body: unknown) => t.api("POST", "/orders", body)

describe("POST /orders", () => {
  it("creates an INITIATED order and answers the hosted page", async () => {
    const body = orderBody("payses_01K", { dynamicCallbackUrl: "https://backend.example/hooks" })
    const answer = await create(body)
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({
      orderReference: "payses_01K",
      redirectUrl: `${t.sandbox.origin}/pay/payses_01K`,
      status: "INITIATED",
      bnplProvider: "KLARNA_AU",
    })
    const stored = t.sandbox.control.order("payses_01K")
    expect(stored).toMatchObject({
      orderReference: "payses_01K",
      provider: "KLARNA_AU",
      currency: "AUD",
      orderAmountCents: 14311,
      surchargeCents: 0,
      status: "INITIATED",
      bnplOrderId: null,
      dynamicCallbackUrl: "https://backend.example/hooks",
      request: body,
      captures: [],
      voids: [],
      refunds: [],
      payment: null,
    })
    expect(stored?.transactionHistory.map((entry) => entry.status)).toEqual(["INITIATED"])
  })

  it("accepts a discount and a shipping address", async () => {
    const answer = await create(
      orderBody("disc", {
        orderAmount: 133.11,
        discountAmount: 10,
        shippingAddress: { line1: "2 Pitt St", city: "Sydney", postcode: "2000", country: "AU" },
      }),
    )
    expect(answer.status).toBe(200)
  })

  it("refuses an orderAmount that is not Σ totalAmount + shipping + tax − discount, naming both", async () => {
    const answer = await create(orderBody("sum", { orderAmount: 143.1 }))
    expect(answer.status).toBe(400)
    expect(answer.body).toEqual({
      statusCode: 400,
      message:
        "orderAmount 143.10 does not match the order total 143.11 (orderItems 131.75 + shippingAmount 9.09 + taxAmount 2.27 - discountAmount 0.00)",
      error: "Bad Request",
    })
    expect(t.sandbox.control.order("sum")).toBeUndefined()
  })

  it("compares totals in whole cents, where floats would be off (0.1 × 3, 0.1 + 0.2)", async () => {
    const answer = await create(
      orderBody("cents", {
        orderAmount: 0.6,
        orderItems: [
          { name: "Pin", quantity: 3, sku: "PIN", unitPrice: 0.1, totalAmount: 0.3 },
          { name: "Tag", quantity: 1, sku: "TAG", unitPrice: 0.2, totalAmount: 0.2 },
        ],
        taxAmount: 0.1,
        shippingAmount: 0,
      }),
    )
    expect(answer.status).toBe(200)
    expect(t.sandbox.control.order("cents")?.orderAmountCents).toBe(60)
  })

  it("refuses a line whose totalAmount is not unitPrice × quantity", async () => {
    const items = orderBody("line").orderItems as Record<string, unknown>[]
    const answer = await create(
      orderBody("line", {
        orderItems: [items[0], { ...items[1], totalAmount: 25.05 }, items[2]],
        orderAmount: 143.12,
      }),
    )
    expect(answer.status).toBe(400)
    expect(answer.body.message).toBe(
      "orderItems.1.totalAmount 25.05 does not equal unitPrice × quantity (25.04)",
    )
  })

  it("answers every field problem at once as a message array", async () => {
    const answer = await create({
      ...orderBody("bad ref!"),
      bnplProvider: "klarna",
      orderAmount: -1,
      orderItems: [{ name: "", quantity: 0, sku: "X", unitPrice: 1.005, totalAmount: "1" }],
      taxAmount: 24.985,
      customer: { firstName: "A", lastName: "B", email: "not-an-email" },
      billingAddress: { line1: "1", city: "S", postcode: "2000", country: "Australia" },
      dynamicRedirectUrl: "ftp://store",
    })
    expect(answer.status).toBe(400)
    expect(answer.body).toEqual({
      statusCode: 400,
      message: [
        "orderReference must match ^[A-Za-z0-9_-]{1,64}$ regular expression",
        "bnplProvider must match ^[A-Z0-9_]{2,40}$ regular expression",
        "orderAmount must be a positive number",
        "orderItems.0.name should not be empty",
        "orderItems.0.quantity must not be less than 1",
        "orderItems.0.unitPrice must have at most 2 decimal places",
        "orderItems.0.totalAmount must be a number conforming to the specified constraints",
        "taxAmount must have at most 2 decimal places",
        "customer.email must be an email",
        "billingAddress.country must match ^[A-Z]{2}$ regular expression",
        "dynamicRedirectUrl must be a URL address",
      ],
      error: "Bad Request",
    })
  })

  it("refuses an empty order and an empty item list", async () => {
    const empty = await create({})
    expect(empty.status).toBe(400)
    expect(empty.body.message).toEqual(
      expect.arrayContaining([
        "orderReference must be a string",
        "orderAmount must be a number conforming to the specified constraints",
        "orderItems must be an array",
        "customer must be an object",
        "billingAddress must be an object",
        "dynamicRedirectUrl must be a string",
      ]),
    )
    const noItems = await create(orderBody("noitems", { orderItems: [] }))
    expect(noItems.body.message).toEqual(["orderItems must contain at least 1 elements"])
  })

  it("refuses amounts sent as strings (amounts are JSON numbers)", async () => {
    const answer = await create(orderBody("str", { orderAmount: "143.11" }))
    expect(answer.body.message).toEqual([
      "orderAmount must be a number conforming to the specified constraints",
    ])
  })

  it("refuses currencies that need more than 2 decimals, and malformed codes", async () => {
    const kwd = await create(orderBody("kwd", { purchaseCurrency: "KWD" }))
    expect(kwd.status).toBe(400)
    expect(kwd.body.message).toEqual([
      "purchaseCurrency KWD is not supported: its amounts need more than 2 decimals",
    ])
    const bhd = await create(orderBody("bhd", { purchaseCurrency: "BHD" }))
    expect(bhd.status).toBe(400)
    const lower = await create(orderBody("aud", { purchaseCurrency: "aud" }))
    expect(lower.body.message).toEqual(["purchaseCurrency must be a valid ISO4217 currency code"])
  })

  it("refuses a reference that already exists", async () => {
    expect((await create(orderBody("dup"))).status).toBe(200)
    const again = await create(orderBody("dup"))
    expect(again.status).toBe(400)
    expect(again.body).toEqual({
      statusCode: 400,
      message: "Order reference dup already exists",
      error: "Bad Request",
    })
  })

  it("answers unparseable JSON with the parser's message as a string", async () => {
    const answer = await t.api("POST", "/orders", undefined, { rawBody: '{"orderReference": a}' })
    expect(answer.status).toBe(400)
    expect(answer.body).toEqual({
      statusCode: 400,
      message: expect.stringContaining("Unexpected token"),
      error: "Bad Request",
    })
    expect(typeof answer.body.message).toBe("string")
  })

  it("reads a body without a JSON content type as empty, like Express", async () => {
    const answer = await t.api("POST", "/orders", undefined, {
      rawBody: JSON.stringify(orderBody("ct")),
      contentType: "text/plain",
    })
    expect(answer.status).toBe(400)
    expect(answer.body.message).toContain("orderReference must be a string")
  })
})
