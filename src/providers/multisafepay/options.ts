import { fixedAmongAllowed, optionsParser } from "../../core/options"
import { z } from "zod"
import { refundOptionsShape } from "../../gateway-kit/refund-options"

const gatewayCode = z
  .string()
  .regex(/^[A-Z0-9_]{2,30}$/, "must be a MultiSafepay gateway code such as IDEAL or KLARNA")

const url = z.url({ protocol: /^https?$/ })

/** Where MultiSafepay's API lives; `apiUrl` overrides it (the local sandbox, a proxy). */
export const MULTISAFEPAY_API_URLS = {
  test: "https://testapi.multisafepay.com/v1/json/",
  live: "https://api.multisafepay.com/v1/json/",
} as const

/** The options of one registered MultiSafepay provider (a store may register several). */
export const multiSafepayOptionsSchema = z
  .object({
    /** the website API key (MultiSafepay dashboard → Websites); also signs notifications */
    apiKey: z.string().trim().min(10, "must be the website API key"),
    environment: z.enum(["test", "live"]).default("test"),
    /** overrides the environment's base URL, e.g. the local sandbox */
    apiUrl: url.optional(),
    /**
     * Fixed gateway code for this provider instance (e.g. KLARNA → a "Klarna" payment option).
     * Without it the shopper picks on MultiSafepay's payment page, or the storefront passes a
     * `gateway` in the session data, limited to `allowedGateways` when that is set.
     */
    gateway: gatewayCode.optional(),
    allowedGateways: z.array(gatewayCode).min(1).optional(),
    /**
     * Per gateway code: how returned units are written in a cart refund. Default
     * "negative_quantity" for every pay-later method (MultiSafepay cancels a pay-later order sent
     * a negative unit_price); "negative_unit_price" only for an account on Klarna's convention,
     * e.g. `{ KLARNA: "negative_unit_price" }`
     * (docs/gateways/multisafepay.md#pay-later-refund-conventions).
     */
    refundConventions: z
      .record(gatewayCode, z.enum(["negative_unit_price", "negative_quantity"]))
      .default({}),
    /**
     * Medusa's webhook route for this provider: https://<backend>/hooks/payment/multisafepay_<id>
     */
    notificationUrl: url,
    /** storefront pages the shopper returns to */
    redirectUrl: url,
    cancelUrl: url,
    /** cards: authorize now, capture when Medusa captures (manual capture) */
    manualCapture: z.boolean().default(false),
    /** how long the payment link stays valid */
    daysActive: z.number().int().min(1).max(365).optional(),
    /** notifications older than this are refused (replays); MultiSafepay's SDK default is 600 */
    notificationMaxAgeSeconds: z.number().int().min(30).max(86_400).default(600),
    /** per HTTP call to MultiSafepay */
    timeoutMs: z.number().int().min(1_000).max(120_000).default(20_000),
    ...refundOptionsShape,
  })
  .strict()
  .superRefine(fixedAmongAllowed("gateway", "allowedGateways"))

export type MultiSafepayOptions = z.infer<typeof multiSafepayOptionsSchema>

/** Parses options at boot; a bad option stops the app with the option's name in the error. */
export const parseMultiSafepayOptions = optionsParser(
  multiSafepayOptionsSchema,
  "the MultiSafepay payment provider",
)

export function apiBaseUrl(options: MultiSafepayOptions): string {
  const base = options.apiUrl ?? MULTISAFEPAY_API_URLS[options.environment]
  return base.endsWith("/") ? base : `${base}/`
}
