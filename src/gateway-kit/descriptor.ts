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
  /** shelf prices include the tax (Japan); the test shops then price the market tax-inclusive */
  pricesIncludeTax?: boolean
}

export interface ProviderRegistration {
  /** the id in `pp_<identifier>_<id>` */
  id: string
  options: Record<string, unknown>
  /**
   * The environment variable each option was read from (`{ apiUrl: "MULTISAFEPAY_API_URL" }`),
   * so a bad value stops the boot naming the variable to fix (`checkRegistration`).
   */
  variables?: OptionVariables
}

export interface GatewayDevSetup {
  /** the environment variable whose presence registers the gateway (its key or client id) */
  enabledBy: string
  /** the providers to register, options read from the environment */
  providers(env: NodeJS.ProcessEnv, urls: StoreUrls): ProviderRegistration[]
  sandbox: SandboxSetup
  /** the dev store's demo orders paid through this gateway's sandbox */
  demoOrders?: DemoOrders
}

/** Where the dev config reads the store's URLs from (medusa-config.ts). */
export const STORE_URL_VARIABLES = {
  backendUrl: "MEDUSA_BACKEND_URL",
  storefrontUrl: "STOREFRONT_URL",
} as const

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

/** What a demo order shows: the moment of a return's refund it was left at. */
export type DemoState =
  /** a received return (several lines, shipping left) nobody has refunded yet */
  | "return_awaiting_refund"
  /** the return's refund was accepted by the gateway and is not carried out yet */
  | "refund_pending"
  /** the gateway declined the refund later, with its own reason: the order owes again */
  | "refund_failed"
  /** a refund made in the gateway's dashboard, reported by its webhook */
  | "dashboard_refund"

export const DEMO_STATES: readonly DemoState[] = [
  "return_awaiting_refund",
  "refund_pending",
  "refund_failed",
  "dashboard_refund",
]

/** The demo shop's products (integration-tests/dev/demo-catalog.ts prices them). */
export type DemoProduct = "shirt" | "mug" | "book"

/**
 * A gateway's demo orders. The descriptor holds what is gateway-neutral data: which provider,
 * market, items and state. How the sandbox is driven (paying, keeping a refund pending, declining
 * it, a dashboard refund) is sandbox HTTP, which never ships: `actions` names the module that
 * does it, `integration-tests/sandboxes/<gateway>/demo-actions.ts`, and only the dev store loads
 * it (integration-tests/dev/demo-orders.ts). A new gateway adds both in its own folders.
 */
export interface DemoOrders {
  /** the sandbox's demo actions module, relative to the repository */
  actions: string
  orders: readonly DemoOrderSpec[]
}

export interface DemoOrderSpec {
  /** the registration id: the order is paid with `pp_<identifier>_<provider>` */
  provider: string
  /** the country of one of the gateway's markets */
  market: string
  state: DemoState
  /** what the shopper buys, by product */
  items: Partial<Record<DemoProduct, number>>
  /** the market's promotion on the book lines */
  promotion?: boolean
  /** what comes back (every state but dashboard_refund); at least one unit */
  returned?: Partial<Record<DemoProduct, number>>
  /** the return's refund also refunds the shipping (refund_pending, refund_failed) */
  refundShipping?: boolean
  /** the session data the storefront sends, e.g. `{ bnpl_provider: "KLARNA_AU" }` */
  sessionData?: Record<string, unknown>
  /** how the shopper pays at the sandbox, handed to the demo actions' `pay` */
  payment?: Record<string, unknown>
  /** refund_failed: what the gateway says when it declines the refund */
  declineReason?: string
  /** dashboard_refund: the amount refunded in the dashboard (decimal string, order currency) */
  dashboardAmount?: string
}

/** The provider ids a descriptor's registrations give in Medusa. */
export function providerIds(
  descriptor: GatewayDescriptor,
  registrations: ProviderRegistration[],
): string[] {
  return registrations.map((r) => `pp_${descriptor.identifier}_${r.id}`)
}

/** Which environment variable each option is read from: `{ apiUrl: "MULTISAFEPAY_API_URL" }`. */
export type OptionVariables = Readonly<Record<string, string>>

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

/** `fromEnv` for an option whose variable `variables` names. */
export function optionFromEnv<T>(
  env: NodeJS.ProcessEnv,
  variables: OptionVariables,
  option: string,
  parse?: (value: string) => T,
): Record<string, T> {
  return fromEnv(env, variables[option], option, parse)
}

/**
 * Checks a dev registration's options with the provider's own parser (a provider class's static
 * `parseOptions`) and, when they are bad, fails naming the environment variable each bad option
 * came from: "MultiSafepay option apiUrl (from MULTISAFEPAY_API_URL): Invalid URL". The option
 * parsers name options only (src/core/options), and a developer fixes variables, not options.
 */
export function checkRegistration(
  descriptor: Pick<GatewayDescriptor, "name" | "identifier">,
  registration: ProviderRegistration,
  parse: (options: Record<string, unknown>) => unknown,
): void {
  try {
    parse(registration.options)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    throw new Error(
      `${describeOptionProblems(descriptor.name, message, registration.variables ?? {})} ` +
        `(payment provider pp_${descriptor.identifier}_${registration.id})`,
    )
  }
}

/**
 * "Invalid options for <owner>: apiUrl: Invalid URL; timeoutMs: …" (the format of
 * src/core/options/parse-options.ts) → one "<Gateway> option <name> (from <VARIABLE>): <problem>"
 * per problem. A message in another shape is kept, after the gateway's name.
 */
export function describeOptionProblems(
  gateway: string,
  message: string,
  variables: OptionVariables,
): string {
  const problems = /^Invalid options for [^:]*: ([\s\S]+)$/.exec(message)?.[1]
  if (!problems) return `${gateway} options: ${message}`
  return problems
    .split(/; (?=[\w.]+(?:, [\w.]+)*: )/)
    .map((problem) => {
      const [, name, text] = /^([\w.]+(?:, [\w.]+)*): ([\s\S]*)$/.exec(problem) ?? []
      if (!name) return `${gateway} options: ${problem}`
      const variable = variables[name.split(".")[0]]
      return `${gateway} option ${name}${variable ? ` (from ${variable})` : ""}: ${text}`
    })
    .join("; ")
}
