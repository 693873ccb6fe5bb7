import { createHmac } from "node:crypto"
import {
  createOrder,
  PAYMENT_SECRET,
  paidOrder,
  startTestSandbox,
  useTestSandbox,
} from "./support/sandbox-client"

const t = useTestSandbox({ autoCaptureProviders: ["AFTERPAY_AU"] })

/** The merchant's check, written independently of the sandbox's code. */
const expectedHash = (status: string, reference: string) =>
  createHmac("sha512", PAYMENT_SECRET).update(`${status}|${reference}`).digest("hex")

describe("control.pay and the shopper's return", () => {
  it("sends the shopper back with hash, reference, status and providerReference", async () => {
    await createOrder(t, "p1")
    const { redirectUrl } = t.sandbox.control.pay("p1")
    const url = new URL(redirectUrl)
    expect(`${url.origin}${url.pathname}`).toBe("https://store.example/checkout/optty-return")
    const bnplOrderId = t.sandbox.control.order("p1")?.bnplOrderId
    expect(bnplOrderId).toMatch(/^[0-9a-f-]{36}$/)
    expect([...url.searchParams.entries()]).toEqual([
      ["hash", expectedHash("SUCCESSFUL", "p1")],
      ["reference", "p1"],
      ["status", "SUCCESSFUL"],
      ["providerReference", bnplOrderId],
    ])
    expect(url.searchParams.get("hash")).toMatch(/^[0-9a-f]{128}$/)
    const details = await t.details("p1")
    expect(details.status).toBe("SUCCESSFUL")
    expect(details.transactionHistory.map((entry: any) => entry.status)).toEqual([
      "INITIATED",
      "PENDING",
      "SUCCESSFUL",
    ])
    expect(details.orderCaptures).toEqual([])
  })

  it("keeps the return URL's own query and uses the given providerReference", async () => {
    await createOrder(t, "p2", { dynamicRedirectUrl: "https://store.example/return?cart=c_1" })
    const { redirectUrl } = t.sandbox.control.pay("p2", {
      status: "DECLINED",
      providerReference: "KL-778",
    })
    const url = new URL(redirectUrl)
    expect(url.searchParams.get("cart")).toBe("c_1")
    expect(url.searchParams.get("status")).toBe("DECLINED")
    expect(url.searchParams.get("providerReference")).toBe("KL-778")
    expect(url.searchParams.get("hash")).toBe(expectedHash("DECLINED", "p2"))
    expect(url.searchParams.get("hash")).not.toBe(expectedHash("SUCCESSFUL", "p2"))
    expect((await t.details("p2")).bnplOrderId).toBeNull()
  })

  it.each(["CANCELLED", "ERROR"] as const)(
    "%s ends the order without a bnplOrderId",
    async (status) => {
      await createOrder(t, `p-${status}`)
      const { redirectUrl } = t.sandbox.control.pay(`p-${status}`, { status })
      expect(new URL(redirectUrl).searchParams.get("providerReference")).toBe("")
      const details = await t.details(`p-${status}`)
      expect(details.status).toBe(status)
      expect(details.bnplOrderId).toBeNull()
    },
  )

  it("pays only an open order, and refuses unknown statuses and orders", async () => {
    await createOrder(t, "p3")
    t.sandbox.control.pay("p3")
    expect(() => t.sandbox.control.pay("p3")).toThrow(/only an INITIATED or PENDING order/)
    await createOrder(t, "p4")
    expect(() => t.sandbox.control.pay("p4", { status: "PAID" as "SUCCESSFUL" })).toThrow(
      /status must be one of/,
    )
    expect(() => t.sandbox.control.pay("missing")).toThrow(/Unknown order missing/)
  })

  it("records a surcharge, given as a decimal string", async () => {
    await createOrder(t, "p5")
    t.sandbox.control.pay("p5", { surchargeAmount: "2.35" })
    expect((await t.details("p5")).surchargeAmount).toBe("2.35")
    expect(t.sandbox.control.order("p5")?.surchargeCents).toBe(235)
    await createOrder(t, "p6")
    expect(() => t.sandbox.control.pay("p6", { surchargeAmount: "2.355" })).toThrow(
      /at most 2 decimals/,
    )
    expect(() => t.sandbox.control.pay("p6", { status: "DECLINED", surchargeAmount: "1" })).toThrow(
      /only goes with a SUCCESSFUL payment/,
    )
  })

  it("captures an auto-capture provider's payment in full at once", async () => {
    await createOrder(t, "p7", { bnplProvider: "AFTERPAY_AU" })
    t.sandbox.control.pay("p7")
    const details = await t.details("p7")
    expect(details.orderCaptures).toEqual([
      {
        captureId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        captureReference: "auto-p7",
        amount: "143.11",
        currency: "AUD",
        createdAt: expect.any(String),
      },
    ])
    const more = await t.api("POST", "/orders/p7/capture", { captureReference: "c-p7", amount: 1 })
    expect(more.body.message).toBe("You can only capture amount up to AUD 0.00")
  })

  it("a declined auto-capture payment captures nothing", async () => {
    await createOrder(t, "p8", { bnplProvider: "AFTERPAY_AU" })
    t.sandbox.control.pay("p8", { status: "DECLINED" })
    expect((await t.details("p8")).orderCaptures).toEqual([])
  })
})

describe("hosted payment page", () => {
  it("shows the order, moves it to PENDING, and a result link pays and redirects", async () => {
    await createOrder(t, "pg1")
    const page = await fetch(`${t.sandbox.origin}/pay/pg1`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain("AUD 143.11")
    expect(html).toContain("/pay/pg1/result?status=DECLINED")
    expect((await t.details("pg1")).status).toBe("PENDING")

    const done = await fetch(`${t.sandbox.origin}/pay/pg1/result?status=SUCCESSFUL`, {
      redirect: "manual",
    })
    expect(done.status).toBe(302)
    const location = new URL(done.headers.get("location") ?? "")
    expect(location.searchParams.get("hash")).toBe(expectedHash("SUCCESSFUL", "pg1"))
    expect((await t.details("pg1")).transactionHistory.map((e: any) => e.status)).toEqual([
      "INITIATED",
      "PENDING",
      "SUCCESSFUL",
    ])
    const again = await fetch(`${t.sandbox.origin}/pay/pg1/result?status=SUCCESSFUL`, {
      redirect: "manual",
    })
    expect(again.status).toBe(409)
    expect((await fetch(`${t.sandbox.origin}/pay/unknown`)).status).toBe(404)
  })
})

describe("options", () => {
  it("refuses to start without credentials", async () => {
    await expect(
      startTestSandbox({ clientSecret: "" }).then((s) => s.sandbox.close()),
    ).rejects.toThrow("startOpttySandbox: clientSecret is required")
  })

  it("paidOrder helper leaves a fully captured order", async () => {
    await paidOrder(t, "p9")
    expect((await t.details("p9")).orderCaptures[0].amount).toBe("143.11")
  })
})
