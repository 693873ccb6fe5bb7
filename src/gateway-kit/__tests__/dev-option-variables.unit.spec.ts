import path from "node:path"
import { checkRegistration, describeOptionProblems, GatewayDescriptor } from "../descriptor"
import { descriptorOf } from "../descriptors"

const URLS = { backendUrl: "http://localhost:9000", storefrontUrl: "http://localhost:8000" }

/** What medusa-config.ts does with each dev registration of a gateway. */
function checkDevConfig(identifier: string, env: NodeJS.ProcessEnv, urls = URLS): void {
  const descriptor = descriptorOf(identifier) as GatewayDescriptor
  const service = require(path.join(descriptor.resolve, "service")).default as {
    parseOptions(options: Record<string, unknown>): unknown
  }
  for (const registration of descriptor.dev.providers(env, urls)) {
    checkRegistration(descriptor, registration, (options) => service.parseOptions(options))
  }
}

const sandboxEnv = (identifier: string) =>
  (descriptorOf(identifier) as GatewayDescriptor).dev.sandbox.env("http://127.0.0.1:4999")

describe("dev config errors name the environment variable", () => {
  it("accepts the sandboxes' environment", () => {
    expect(() => checkDevConfig("multisafepay", sandboxEnv("multisafepay"))).not.toThrow()
    expect(() => checkDevConfig("optty", sandboxEnv("optty"))).not.toThrow()
  })

  it("names the variable of a bad URL, and the provider it stopped", () => {
    const env = { ...sandboxEnv("multisafepay"), MULTISAFEPAY_API_URL: "not a url" }
    expect(() => checkDevConfig("multisafepay", env)).toThrow(
      "MultiSafepay option apiUrl (from MULTISAFEPAY_API_URL): Invalid URL (payment provider pp_multisafepay_multisafepay)",
    )
  })

  it("names every bad option's variable, numbers included", () => {
    const env = {
      ...sandboxEnv("multisafepay"),
      MULTISAFEPAY_API_KEY: "short",
      MULTISAFEPAY_TIMEOUT_MS: "soon",
    }
    expect(() => checkDevConfig("multisafepay", env)).toThrow(
      /^MultiSafepay option apiKey \(from MULTISAFEPAY_API_KEY\): must be the website API key; MultiSafepay option timeoutMs \(from MULTISAFEPAY_TIMEOUT_MS\): /,
    )
  })

  it("names a missing variable", () => {
    const { OPTTY_CLIENT_SECRET: _secret, ...env } = sandboxEnv("optty")
    expect(() => checkDevConfig("optty", env)).toThrow(
      /^Optty option clientSecret \(from OPTTY_CLIENT_SECRET\): /,
    )
  })

  it("names the store URL variable behind a URL option built from it", () => {
    const urls = { ...URLS, backendUrl: "localhost:9000" }
    expect(() => checkDevConfig("multisafepay", sandboxEnv("multisafepay"), urls)).toThrow(
      /^MultiSafepay option notificationUrl \(from MEDUSA_BACKEND_URL\): Invalid URL/,
    )
    expect(() => checkDevConfig("optty", sandboxEnv("optty"), urls)).toThrow(
      /^Optty option webhookUrl \(from MEDUSA_BACKEND_URL\): Invalid URL/,
    )
  })

  it("keeps options without a variable, and messages in another shape, readable", () => {
    expect(
      describeOptionProblems(
        "Acme",
        "Invalid options for the Acme payment provider: gateway: must be one of allowedGateways; refundConventions.KLARNA: Invalid option",
        { refundConventions: "ACME_CONVENTIONS" },
      ),
    ).toBe(
      "Acme option gateway: must be one of allowedGateways; Acme option refundConventions.KLARNA (from ACME_CONVENTIONS): Invalid option",
    )
    expect(describeOptionProblems("Acme", "something broke", {})).toBe(
      "Acme options: something broke",
    )
  })
})
