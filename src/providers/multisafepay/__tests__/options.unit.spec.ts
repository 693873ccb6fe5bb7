import { apiBaseUrl, parseMultiSafepayOptions } from "../options"
import MultiSafepayProviderService from "../service"

const valid = {
  apiKey: "test-api-key-0123456789",
  notificationUrl: "https://shop.example/hooks/payment/multisafepay_multisafepay",
  redirectUrl: "https://shop.example/checkout/return",
  cancelUrl: "https://shop.example/checkout",
}

describe("MultiSafepay options", () => {
  it("fills defaults and picks the API by environment unless apiUrl overrides it", () => {
    const options = parseMultiSafepayOptions(valid)
    expect(options).toMatchObject({
      environment: "test",
      manualCapture: false,
      refundConventions: {},
      notificationMaxAgeSeconds: 600,
    })
    expect(apiBaseUrl(options)).toBe("https://testapi.multisafepay.com/v1/json/")
    expect(apiBaseUrl(parseMultiSafepayOptions({ ...valid, environment: "live" }))).toBe(
      "https://api.multisafepay.com/v1/json/",
    )
    expect(
      apiBaseUrl(parseMultiSafepayOptions({ ...valid, apiUrl: "http://127.0.0.1:4010/v1/json" })),
    ).toBe("http://127.0.0.1:4010/v1/json/")
  })

  it.each([
    [{ apiKey: undefined }, "apiKey"],
    [{ notificationUrl: "not a url" }, "notificationUrl"],
    [{ environment: "staging" }, "environment"],
    [{ gateway: "klarna" }, "gateway"],
    [{ refundConventions: { KLARNA: "negative_price" } }, "refundConventions.KLARNA"],
    [{ timeoutMs: 10 }, "timeoutMs"],
    [{ apiKye: "typo" }, "apiKye"],
    [{ gateway: "KLARNA", allowedGateways: ["IDEAL"] }, "gateway: must be one of allowedGateways"],
  ])("fails at boot naming the option: %j", (patch, name) => {
    expect(() => MultiSafepayProviderService.validateOptions({ ...valid, ...patch })).toThrow(name)
  })

  it("never puts the API key in an error", () => {
    try {
      parseMultiSafepayOptions({ ...valid, notificationUrl: 12 })
      throw new Error("expected a failure")
    } catch (error) {
      expect((error as Error).message).not.toContain(valid.apiKey)
    }
  })
})
