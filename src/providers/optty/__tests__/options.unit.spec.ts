import { opttyUrls, parseOpttyOptions } from "../options"
import OpttyProviderService from "../service"

const valid = {
  clientId: "client-1",
  clientSecret: "client-secret-123",
  merchantId: "merchant-1",
  paymentSecret: "payment-secret-123",
  redirectUrl: "https://shop.example/checkout/optty/return",
}

describe("Optty options", () => {
  it("fills defaults and picks Optty's URLs by environment unless overridden", () => {
    const options = parseOpttyOptions(valid)
    expect(options).toMatchObject({
      environment: "sandbox",
      isActivatedViaOAuth: false,
      locale: "en-AU",
      timeoutMs: 20_000,
    })
    expect(opttyUrls(options)).toEqual({
      auth: "https://auth.qa.optty.com/",
      api: "https://api.qa.optty.com/",
    })
    expect(opttyUrls(parseOpttyOptions({ ...valid, environment: "live" }))).toEqual({
      auth: "https://auth.optty.com/",
      api: "https://api.optty.com/",
    })
    expect(
      opttyUrls(
        parseOpttyOptions({
          ...valid,
          authUrl: "http://127.0.0.1:4020/auth",
          apiUrl: "http://127.0.0.1:4020/api/",
        }),
      ),
    ).toEqual({ auth: "http://127.0.0.1:4020/auth/", api: "http://127.0.0.1:4020/api/" })
  })

  it.each([
    [{ clientId: undefined }, "clientId"],
    [{ clientSecret: "short" }, "clientSecret"],
    [{ merchantId: "" }, "merchantId"],
    [{ paymentSecret: undefined }, "paymentSecret"],
    [{ redirectUrl: "not a url" }, "redirectUrl"],
    [{ webhookUrl: "ftp://x.example" }, "webhookUrl"],
    [{ environment: "production" }, "environment"],
    [{ bnplProvider: "klarna au" }, "bnplProvider"],
    [{ isActivatedViaOAuth: "yes" }, "isActivatedViaOAuth"],
    [{ timeoutMs: 10 }, "timeoutMs"],
    [{ apiKey: "x" }, "apiKey"],
  ])("refuses %j at boot, naming the option", (change, name) => {
    expect(() => OpttyProviderService.validateOptions({ ...valid, ...change })).toThrow(
      new RegExp(`^Invalid options for the Optty payment provider: .*${name}`),
    )
  })

  it("refuses a fixed bnplProvider outside allowedBnplProviders", () => {
    expect(() =>
      parseOpttyOptions({ ...valid, bnplProvider: "ZIP_AU", allowedBnplProviders: ["KLARNA_AU"] }),
    ).toThrow("bnplProvider: must be one of allowedBnplProviders")
  })

  it("never echoes a secret in its errors", () => {
    try {
      parseOpttyOptions({ ...valid, clientSecret: "sh0rt", paymentSecret: 42 })
      throw new Error("expected a failure")
    } catch (error) {
      expect(String(error)).not.toContain("sh0rt")
      expect(String(error)).toMatch(/clientSecret/)
    }
  })
})
