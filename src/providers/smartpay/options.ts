import { z } from "zod"
import { optionsParser } from "../../core/options"
import { refundOptionsShape } from "../../gateway-kit/refund-options"

/** A secret key as Smartpay issues it, the mode in its prefix (docs/gateways/smartpay.md#authentication). */
export const SECRET_KEY = /^sk_(test|live)_[0-9a-zA-Z]+$/
const BASE62_TEXT = /^[A-Za-z0-9]+$/

const url = z.url({ protocol: /^https?$/ })

/** The options of one registered Smartpay provider. Values are never echoed in errors. */
export const smartpayOptionsSchema = z
  .object({
    /** `sk_test_…` or `sk_live_…`: sent raw as `Authorization: Basic <key>` */
    secretKey: z
      .string()
      .regex(SECRET_KEY, "must be a Smartpay secret key (sk_test_… or sk_live_…)"),
    /** the API's base; the local sandbox's `apiUrl` in tests and the dev store */
    apiUrl: url.default("https://api.smartpay.co/v1"),
    /** where the shopper goes after paying on Smartpay's checkout */
    successUrl: url,
    /** where the shopper goes after leaving Smartpay's checkout */
    cancelUrl: url,
    /** "manual": authorise at checkout, capture from the admin; "automatic": capture at once */
    captureMethod: z.enum(["manual", "automatic"]).default("manual"),
    /** the webhook endpoint's signing secret (Base62 text); no webhook is trusted without it */
    webhookSigningSecret: z
      .string()
      .regex(BASE62_TEXT, "must be the Base62 signing secret Smartpay gave (A–Z, a–z, 0–9)")
      .optional(),
    /** the webhook endpoint ids (`Smartpay-Subscription-Id`) accepted; any when unset */
    webhookSubscriptionIds: z.array(z.string().min(1)).min(1).optional(),
    /** how old (or how far ahead) a signature timestamp may be */
    webhookToleranceSeconds: z.number().int().min(1).max(86_400).default(300),
    /** Medusa refund reason codes or labels sent to Smartpay as `fraudulent` */
    fraudulentReasonCodes: z.array(z.string().trim().min(1)).default([]),
    /** per HTTP call to Smartpay */
    timeoutMs: z.number().int().min(1_000).max(120_000).default(20_000),
    ...refundOptionsShape,
  })
  .strict()

export type SmartpayOptions = z.infer<typeof smartpayOptionsSchema>

/** Parses options at boot; a bad option stops the app with the option's name in the error. */
export const parseSmartpayOptions = optionsParser(
  smartpayOptionsSchema,
  "the Smartpay payment provider",
)

/** test or live, from the key's prefix (docs/gateways/smartpay.md#authentication) */
export function smartpayMode(secretKey: string): "test" | "live" {
  return secretKey.startsWith("sk_live_") ? "live" : "test"
}

/** The API's base URL, with a trailing slash (paths are relative to it). */
export function smartpayBaseUrl(options: Pick<SmartpayOptions, "apiUrl">): string {
  return options.apiUrl.endsWith("/") ? options.apiUrl : `${options.apiUrl}/`
}
