import { z } from "zod"
import { fixedAmongAllowed, optionsParser } from "../../core/options"
import { refundOptionsShape } from "../../gateway-kit/refund-options"

const url = z.url({ protocol: /^https?$/ })

const bnplProvider = z
  .string()
  .regex(/^[A-Z0-9_]{2,40}$/, "must be an Optty bnplProvider code such as KLARNA_AU")

/** Optty's two environments; `authUrl`/`apiUrl` override them (the local sandbox, a proxy). */
export const OPTTY_URLS = {
  sandbox: { auth: "https://auth.qa.optty.com", api: "https://api.qa.optty.com" },
  live: { auth: "https://auth.optty.com", api: "https://api.optty.com" },
} as const

/** The options of one registered Optty provider (a store may register one per BNPL method). */
export const opttyOptionsSchema = z
  .object({
    /** API credentials from Optty's Universal Payment Platform (client credentials grant) */
    clientId: z.string().trim().min(1, "must be the Optty API client id"),
    clientSecret: z.string().trim().min(8, "must be the Optty API client secret"),
    /** the merchant id the order details call is scoped to */
    merchantId: z.string().trim().min(1, "must be the Optty merchant id"),
    /** keys the result hash on the shopper's return (HMAC-SHA512 over "status|reference") */
    paymentSecret: z.string().trim().min(8, "must be the Optty payment secret"),
    environment: z.enum(["sandbox", "live"]).default("sandbox"),
    authUrl: url.optional(),
    apiUrl: url.optional(),
    /**
     * Fixed BNPL method for this provider instance (e.g. KLARNA_AU → a "Klarna" option). Without
     * it the storefront passes `bnpl_provider` in the session data, limited to
     * `allowedBnplProviders` when that is set.
     */
    bnplProvider: bnplProvider.optional(),
    allowedBnplProviders: z.array(bnplProvider).min(1).optional(),
    /** where Optty sends the shopper back (the storefront's return page) */
    redirectUrl: url,
    /** Medusa's webhook route for this provider: https://<backend>/hooks/payment/optty_<id> */
    webhookUrl: url.optional(),
    /** sent with every refund (Optty requires it): how the BNPL method was activated in Optty */
    isActivatedViaOAuth: z.boolean().default(false),
    /** e.g. en-AU; sent with the order */
    locale: z
      .string()
      .regex(/^[a-z]{2}-[A-Z]{2}$/, "must look like en-AU")
      .default("en-AU"),
    /** per HTTP call to Optty */
    timeoutMs: z.number().int().min(1_000).max(120_000).default(20_000),
    ...refundOptionsShape,
  })
  .strict()
  .superRefine(fixedAmongAllowed("bnplProvider", "allowedBnplProviders"))

export type OpttyOptions = z.infer<typeof opttyOptionsSchema>

/** Parses options at boot; a bad option stops the app with the option's name in the error. */
export const parseOpttyOptions = optionsParser(opttyOptionsSchema, "the Optty payment provider")

export function opttyUrls(options: OpttyOptions): { auth: string; api: string } {
  const base = OPTTY_URLS[options.environment]
  const slash = (value: string) => (value.endsWith("/") ? value : `${value}/`)
  return { auth: slash(options.authUrl ?? base.auth), api: slash(options.apiUrl ?? base.api) }
}
