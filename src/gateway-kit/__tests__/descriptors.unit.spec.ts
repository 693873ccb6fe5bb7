import { readdirSync } from "node:fs"
import path from "node:path"
import { providerCapturesInFullOnly, providerRequiresCheckoutCart } from "../capabilities"
import { descriptorOf, descriptorOfProvider, gatewayDescriptors } from "../descriptors"
import { providerIds } from "../descriptor"

const PROVIDERS = path.join(__dirname, "..", "..", "providers")

describe("gateway descriptors", () => {
  it("finds one descriptor per provider folder, named after its folder", () => {
    const folders = readdirSync(PROVIDERS, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort()
    expect(gatewayDescriptors().map((d) => d.identifier)).toEqual(folders)
    for (const descriptor of gatewayDescriptors()) {
      expect(descriptor.resolve).toBe(path.join(PROVIDERS, descriptor.identifier))
    }
  })

  it("tells a provider id's gateway by its pp_<identifier>_ prefix only", () => {
    expect(descriptorOfProvider("pp_multisafepay_klarna")?.name).toBe("MultiSafepay")
    expect(descriptorOfProvider("pp_optty_optty")?.name).toBe("Optty")
    expect(descriptorOfProvider("multisafepay_klarna")).toBeNull()
    expect(descriptorOfProvider("pp_stripe_stripe")).toBeNull()
    expect(descriptorOfProvider(undefined)).toBeNull()
    expect(descriptorOf("optty")?.identifier).toBe("optty")
  })

  it("answers capability checks from the descriptors, and no for providers outside the plugin", () => {
    expect(providerRequiresCheckoutCart("pp_multisafepay_klarna")).toBe(true)
    expect(providerRequiresCheckoutCart("pp_optty_optty")).toBe(true)
    expect(providerRequiresCheckoutCart("pp_recording_recording")).toBe(false)
    expect(providerRequiresCheckoutCart("pp_system_default")).toBe(false)
    expect(providerCapturesInFullOnly("pp_multisafepay_multisafepay")).toBe(true)
    expect(providerCapturesInFullOnly("pp_stripe_stripe")).toBe(false)
  })

  it("maps the dev environment to options each provider accepts at boot", () => {
    const urls = { backendUrl: "http://localhost:9000", storefrontUrl: "http://localhost:8000" }
    for (const descriptor of gatewayDescriptors()) {
      const env = { ...descriptor.dev.sandbox.env("http://127.0.0.1:4999") }
      expect(Object.keys(env)).toContain(descriptor.dev.enabledBy)
      const registrations = descriptor.dev.providers(env, urls)
      expect(registrations.length).toBeGreaterThan(0)
      expect(new Set(providerIds(descriptor, registrations)).size).toBe(registrations.length)
      const service = require(path.join(descriptor.resolve, "service")).default as {
        validateOptions(options: Record<string, unknown>): void
      }
      for (const { options } of registrations)
        expect(() => service.validateOptions(options)).not.toThrow()
    }
  })

  it("describes at least one market per gateway, with its currency", () => {
    for (const descriptor of gatewayDescriptors()) {
      expect(descriptor.capabilities.markets.length).toBeGreaterThan(0)
      for (const market of descriptor.capabilities.markets) {
        expect(market.currency).toMatch(/^[a-z]{3}$/)
        expect(market.address.country_code).toBe(market.country)
      }
    }
  })
})
