import { createPrivateKey } from "node:crypto"
import { z } from "zod"
import { optionsParser } from "../../core/options"
import { refundOptionsShape } from "../../gateway-kit/refund-options"

const url = z.url({ protocol: /^https?$/ })

/**
 * A PEM RSA private key of 2048 bits or more (docs/gateways/worldline.md#authentication),
 * checked with node:crypto at boot. Literal "\n" escapes (keys kept in one-line environment
 * variables) are turned into new lines. The key is never echoed in an error.
 */
const privateKey = z.string().transform((value, ctx) => {
  const pem = value.replace(/\\n/g, "\n").trim()
  let details: { type?: string; bits?: number }
  try {
    const key = createPrivateKey({ key: pem, format: "pem" })
    details = { type: key.asymmetricKeyType, bits: key.asymmetricKeyDetails?.modulusLength }
  } catch {
    ctx.addIssue({ code: "custom", message: "must be a PEM private key (it could not be read)" })
    return z.NEVER
  }
  if (details.type !== "rsa") {
    ctx.addIssue({ code: "custom", message: "must be an RSA private key" })
    return z.NEVER
  }
  if ((details.bits ?? 0) < 2048) {
    ctx.addIssue({ code: "custom", message: "must be an RSA key of at least 2048 bits" })
    return z.NEVER
  }
  return pem
})

const keyId = z
  .string()
  .regex(
    /^[\x21-\x7e]{1,128}$/,
    "must be the key id registered with Worldline (printable, no spaces)",
  )

const paymentMethodId = z.number().int().min(1).max(999_999)

/** The options of one registered Worldline provider. */
export const worldlineOptionsSchema = z
  .object({
    /** the merchant id (`mid`), a number written as text, e.g. "1570616552" */
    merchantId: z.string().regex(/^\d{1,20}$/, "must be the Worldline merchant id (digits)"),
    /** the application part of the assertion's issuer `<applicationId>@<merchantId>` */
    applicationId: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, "must be the Worldline application id")
      .default("application-1"),
    /** the merchant's RSA key registered with Worldline, PEM */
    privateKey,
    /** the second key pair during a rollover: used when Worldline refuses the first */
    secondaryPrivateKey: privateKey.optional(),
    keyId: keyId.optional(),
    secondaryKeyId: keyId.optional(),
    signingAlgorithm: z.enum(["PS256", "RS256"]).default("PS256"),
    /** the merchant's host, from Worldline's integration manager */
    apiUrl: url,
    apiPathPrefix: z.enum(["/api/v2", "/v2"]).default("/api/v2"),
    /** the payment method when the storefront asks for none (1000: cards) */
    paymentMethodId: paymentMethodId.default(1000),
    /** the methods a storefront may ask for (`data.payment_method_id`); only the default when unset */
    allowedPaymentMethodIds: z.array(paymentMethodId).min(1).optional(),
    autoCapture: z.boolean().default(false),
    /** a capture of less than what remains sends that amount (else it takes the rest) */
    partialCaptures: z.boolean().default(true),
    /** where the shopper comes back from the hosted payment page */
    returnUrl: url,
    /** the secret in the notification URL (`?token=`), compared in constant time */
    notificationToken: z.string().min(24, "must be at least 24 characters").optional(),
    /** how often a refund is sent again, unchanged, after a lost answer */
    refundRetries: z.number().int().min(0).max(10).default(3),
    /** per HTTP call to Worldline */
    timeoutMs: z.number().int().min(1_000).max(120_000).default(20_000),
    /** the start of the order description ("Order at Acme"); the cart id follows */
    orderDescription: z.string().trim().min(1).max(60).optional(),
    ...refundOptionsShape,
  })
  .strict()
  .superRefine((options, ctx) => {
    const allowed = options.allowedPaymentMethodIds
    if (allowed && !allowed.includes(options.paymentMethodId)) {
      ctx.addIssue({
        code: "custom",
        path: ["paymentMethodId"],
        message: "must be one of allowedPaymentMethodIds",
      })
    }
    if (options.secondaryKeyId && !options.secondaryPrivateKey) {
      ctx.addIssue({
        code: "custom",
        path: ["secondaryKeyId"],
        message: "needs secondaryPrivateKey",
      })
    }
  })

export type WorldlineOptions = z.infer<typeof worldlineOptionsSchema>

/** Parses options at boot; a bad option stops the app with the option's name in the error. */
export const parseWorldlineOptions = optionsParser(
  worldlineOptionsSchema,
  "the Worldline payment provider",
)

/** The API's base URL, with a trailing slash (paths are relative to it). */
export function worldlineBaseUrl(options: Pick<WorldlineOptions, "apiUrl">): string {
  return options.apiUrl.endsWith("/") ? options.apiUrl : `${options.apiUrl}/`
}
