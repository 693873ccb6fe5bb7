import { parseSmartpayOptions, smartpayBaseUrl, smartpayMode } from "../options"

const KEY = "sk_test_a1B2c3D4e5F6g7H8"
const valid = {
  secretKey: KEY,
  successUrl: "https://shop.example.jp/checkout/done",
  cancelUrl: "https://shop.example.jp/checkout",
}

function problem(options: Record<string, unknown>): string {
  try {
    parseSmartpayOptions(options)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error("expected the options to be refused")
}

describe("Smartpay options", () => {
  it("takes the minimum and fills the defaults", () => {
    expect(parseSmartpayOptions(valid)).toEqual({
      ...valid,
      apiUrl: "https://api.smartpay.co/v1",
      captureMethod: "manual",
      webhookToleranceSeconds: 300,
      fraudulentReasonCodes: [],
      timeoutMs: 20_000,
      inDoubtWindowSeconds: 600,
    })
  })

  it.each([
    ["secretKey", { secretKey: "pk_test_abc" }],
    ["secretKey", { secretKey: "sk_test_abc_def" }],
    ["secretKey", { secretKey: "sk_prod_abc" }],
    ["secretKey", { secretKey: "sk_test_" }],
    ["apiUrl", { apiUrl: "ftp://api.smartpay.co" }],
    ["successUrl", { successUrl: "not a url" }],
    ["cancelUrl", { cancelUrl: undefined }],
    ["captureMethod", { captureMethod: "autommatic" }],
    ["webhookSigningSecret", { webhookSigningSecret: "whsec_abc-def" }],
    ["webhookSubscriptionIds", { webhookSubscriptionIds: [] }],
    ["webhookToleranceSeconds", { webhookToleranceSeconds: 0 }],
    ["fraudulentReasonCodes", { fraudulentReasonCodes: [""] }],
    ["timeoutMs", { timeoutMs: 10 }],
    ["inDoubtWindowSeconds", { inDoubtWindowSeconds: -1 }],
    ["unknownOption", { unknownOption: true }],
  ])("names the bad option %s", (name, change) => {
    const message = problem({ ...valid, ...change })
    expect(message).toContain("Invalid options for the Smartpay payment provider")
    expect(message).toContain(name)
  })

  it("never echoes the secret key in its error", () => {
    const message = problem({ ...valid, secretKey: "sk_test_secret-value", timeoutMs: 1 })
    expect(message).toContain("secretKey")
    expect(message).not.toContain("secret-value")
  })

  it("takes test or live from the key, and a sandbox apiUrl", () => {
    expect(smartpayMode(KEY)).toBe("test")
    expect(smartpayMode("sk_live_ABC")).toBe("live")
    const options = parseSmartpayOptions({ ...valid, apiUrl: "http://127.0.0.1:4040/v1" })
    expect(smartpayBaseUrl(options)).toBe("http://127.0.0.1:4040/v1/")
    expect(parseSmartpayOptions({ ...valid, captureMethod: "automatic" }).captureMethod).toBe(
      "automatic",
    )
  })
})
