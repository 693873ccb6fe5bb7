import { createOrder, paidOrder, useTestSandbox } from "./support/sandbox-client"

const t = useTestSandbox()
const capture = (ref: string, body: unknown) => t.api("POST", `/orders/${ref}/capture`, body)
const voidIt = (ref: string, body: unknown) => t.api("POST", `/orders/${ref}/void`, body)

describe("POST /orders/{ref}/capture", () => {
  it("captures in parts up to the order amount", async () => {
    await paidOrder(t, "c1", { capture: false })
    const first = await capture("c1", {
      captureReference: "c1-a",
      description: "ship 1",
      amount: 100,
    })
    expect(first.status).toBe(200)
    expect(first.body).toEqual({
      captureReference: "c1-a",
      captureId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      capturedAmount: "100.00",
    })
    const over = await capture("c1", { captureReference: "c1-b", amount: 43.12 })
    expect(over.status).toBe(400)
    expect(over.body).toEqual({
      statusCode: 400,
      message: "You can only capture amount up to AUD 43.11",
      error: "Bad Request",
    })
    expect((await capture("c1", { captureReference: "c1-b", amount: 43.11 })).status).toBe(200)
    expect(t.sandbox.control.order("c1")?.captures.map((c) => c.amountCents)).toEqual([10000, 4311])
  })

  it("refuses an unpaid order, a used reference, bad fields and unknown orders", async () => {
    await createOrder(t, "c2")
    const unpaid = await capture("c2", { captureReference: "c2-a", amount: 1 })
    expect(unpaid.body.message).toBe("Order c2 cannot be captured: its status is INITIATED")

    await paidOrder(t, "c3", { capture: false })
    expect((await capture("c3", { captureReference: "c3-a", amount: 1 })).status).toBe(200)
    const dup = await capture("c3", { captureReference: "c3-a", amount: 1 })
    expect(dup.body.message).toBe("Capture reference c3-a already exists")

    const bad = await capture("c3", { amount: 0 })
    expect(bad.body.message).toEqual([
      "captureReference must be a string",
      "amount must be a positive number",
    ])
    const decimals = await capture("c3", { captureReference: "c3-b", amount: 1.001 })
    expect(decimals.body.message).toEqual(["amount must have at most 2 decimal places"])
    expect((await capture("nope", { captureReference: "x", amount: 1 })).status).toBe(404)
  })
})

describe("POST /orders/{ref}/void", () => {
  it("voids the uncaptured rest and the order becomes VOIDED", async () => {
    await paidOrder(t, "v1", { capture: false })
    expect((await capture("v1", { captureReference: "v1-c", amount: 43.11 })).status).toBe(200)
    const over = await voidIt("v1", { voidReference: "v1-x", amount: 100.01 })
    expect(over.body).toEqual({
      statusCode: 400,
      message: "You can only void amount up to AUD 100.00",
      error: "Bad Request",
    })
    const part = await voidIt("v1", { voidReference: "v1-a", amount: 60 })
    expect(part.body).toEqual({
      voidReference: "v1-a",
      voidedId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      amount: "60.00",
    })
    expect((await t.details("v1")).status).toBe("SUCCESSFUL")
    expect((await voidIt("v1", { voidReference: "v1-b", amount: 40 })).status).toBe(200)
    expect((await t.details("v1")).status).toBe("VOIDED")

    const later = await capture("v1", { captureReference: "v1-late", amount: 1 })
    expect(later.body.message).toBe("Order v1 cannot be captured: its status is VOIDED")
    const retry = await voidIt("v1", { voidReference: "v1-b", amount: 40 })
    expect(retry.body.message).toBe("Void reference v1-b already exists")
  })

  it("refuses a void of an order that was not paid", async () => {
    await createOrder(t, "v2")
    t.sandbox.control.pay("v2", { status: "DECLINED" })
    const answer = await voidIt("v2", { voidReference: "v2-a", amount: 1 })
    expect(answer.body.message).toBe("Order v2 cannot be voided: its status is DECLINED")
  })
})
