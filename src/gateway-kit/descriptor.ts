import type { ZodType } from "zod"

/**
 * What the rest of the plugin, the dev store and the test shops know about one gateway, exported
 * by its provider folder as `descriptor.ts`. Nothing outside that folder names a gateway: the
 * dev config, the dev sandboxes, the capability checks and the storefront return route read
 * descriptors (`gatewayDescriptors()`). See README "Adding a gateway".
 */
export interface GatewayDescriptor {
  /** the provider's Medusa identifier: its provider ids are `pp_<identifier>_<id>` */
  identifier: string
  /** how staff and shoppers call it */
  name: string
  /** the provider's folder, for `resolve` in a Medusa config */
  resolve: string
  /** where its facts are written down, relative to the repository */
  docs: string
  capabilities: GatewayCapabilities
  /** how this repository's dev store and test shops run it */
  dev: GatewayDevSetup
}

export interface GatewayCapabilities {
  /** payments cannot be taken without the checkout cart's lines in the session data */
  needsCheckoutCart: boolean
  /** a capture always takes the whole payment: partial captures are refused before Medusa */
  fullCaptureOnly: boolean
  /** the shopper comes back from the gateway with a result the server must verify */
  storefrontReturn: StorefrontReturn | null
  /** where it sells: the test shops and the demo store sell there */
  markets: readonly Market[]
}

/**
 * `POST /store/carts/:id/payment-return/<identifier>`: the storefront hands over what the gateway
 * sent the shopper back with; it is put into the session's data under `dataKey` for the
 * provider's `updatePayment` to verify.
 */
export interface StorefrontReturn {
  /** the body the storefront sends (validated; anything else answers 400) */
  body: ZodType<Record<string, unknown>>
  /** the session data key the provider reads the return from */
  dataKey: string
  /** the gateway's reference in the body, to find the session it belongs to */
  referenceOf(body: Record<string, unknown>): string
  /** the gateway's reference a session's data holds, if any */
  sessionReference(data: Record<string, unknown> | null): string | null
  /** what the storefront is told once the provider has verified the return */
  answer(data: Record<string, unknown> | null): {
    result: string | null
    gateway_status: string | null
  }
}

/** A country a test shop sells in, with its taxes and a shopper's address there. */
export interface Market {
  name: string
  currency: string
  country: string
  /** the country's default rate, and the book's reduced rate where there is one */
  tax: { rate: number; code: string; name: string }
  bookTax: { rate: number; code: string; name: string } | null
  warehouse: string
  address: Record<string, string>
}

export interface ProviderRegistration {
  /** the id in `pp_<identifier>_<id>` */
  id: string
  options: Record<string, unknown>
}

export interface GatewayDevSetup {
  /** the environment variable whose presence registers the gateway (its key or client id) */
  enabledBy: string
  /** the providers to register, options read from the environment */
  providers(env: NodeJS.ProcessEnv, urls: StoreUrls): ProviderRegistration[]
  sandbox: SandboxSetup
}

export interface StoreUrls {
  /** where Medusa answers (webhooks come here) */
  backendUrl: string
  /** where the shopper returns after paying */
  storefrontUrl: string
}

export interface SandboxSetup {
  /** the sandbox's runner, relative to the repository */
  entry: string
  portVariable: string
  defaultPort: number
  /**
   * The environment both Medusa and the sandbox get for a sandbox at `origin`: API URLs, and the
   * sandbox's made-up credentials (the `enabledBy` variable among them).
   */
  env(origin: string): Record<string, string>
}

/** The provider ids a descriptor's registrations give in Medusa. */
export function providerIds(
  descriptor: GatewayDescriptor,
  registrations: ProviderRegistration[],
): string[] {
  return registrations.map((r) => `pp_${descriptor.identifier}_${r.id}`)
}

/** Options set only when the variable is: `{ [option]: parse(value) }` or nothing. */
export function fromEnv<T>(
  env: NodeJS.ProcessEnv,
  variable: string,
  option: string,
  parse: (value: string) => T = (value) => value as unknown as T,
): Record<string, T> {
  const value = env[variable]
  return value === undefined || value === "" ? {} : { [option]: parse(value) }
}
