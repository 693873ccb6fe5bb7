import { LINE_REFUNDS_KEY } from "../payment-data"
import { MedusaError } from "@medusajs/framework/utils"
import { z } from "zod"
import { CHECKOUT_CART_KEY, CheckoutCart } from "./types"

/** Keys of session/payment data only the server writes: a client's copy is always dropped. */
const SERVER_OWNED_KEYS = [CHECKOUT_CART_KEY, LINE_REFUNDS_KEY]

/**
 * The session data to store: the client's data without any checkout cart or refund state of its
 * own (never trusted), plus the server-computed cart when there is one. Undefined stays
 * undefined when there is nothing to add.
 */
export function sessionDataWithCheckoutCart(
  clientData: Record<string, unknown> | null | undefined,
  cart: CheckoutCart | null,
): Record<string, unknown> | undefined {
  const rest = { ...(clientData ?? {}) }
  const hadCart = SERVER_OWNED_KEYS.some((key) => key in rest)
  for (const key of SERVER_OWNED_KEYS) delete rest[key]
  if (cart) return { ...rest, [CHECKOUT_CART_KEY]: cart }
  return clientData == null && !hadCart ? undefined : rest
}

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/)
const nullableText = z.string().nullable()
const person = z.object({
  email: nullableText,
  first_name: nullableText,
  last_name: nullableText,
  phone: nullableText,
  address_1: nullableText,
  address_2: nullableText,
  postal_code: nullableText,
  city: nullableText,
  country_code: nullableText,
  province: nullableText,
  company: nullableText,
})
const CheckoutCartSchema = z.object({
  cart_id: z.string(),
  currency_code: z.string(),
  total: decimal,
  lines: z.array(
    z.object({
      line_item_id: z.string(),
      variant_id: nullableText,
      product_id: nullableText,
      sku: nullableText,
      title: z.string(),
      position: z.number().int().min(0),
      quantity: z.number().int().positive(),
      unit_price_excl_tax: decimal,
      unit_price_incl_tax: decimal,
      tax_rate: decimal,
      total: decimal,
      discounts: z.array(z.object({ code: nullableText, amount_incl_tax: decimal })).optional(),
    }),
  ),
  shipping: z.array(
    z.object({
      shipping_method_id: z.string(),
      name: z.string(),
      position: z.number().int().min(0),
      amount_excl_tax: decimal,
      amount_incl_tax: decimal,
      tax_rate: decimal,
      total: decimal,
    }),
  ),
  customer: person.nullable(),
  delivery: person.nullable().optional(),
})

/**
 * The checkout cart in a provider's input data (session or payment data), or null when there
 * is none. Throws when the key holds something that is not a checkout cart. The server writes
 * this key after discarding any the client sent, so its content is ours.
 */
export function readCheckoutCart(
  data: Record<string, unknown> | null | undefined,
): CheckoutCart | null {
  const value = data?.[CHECKOUT_CART_KEY]
  if (value == null) return null
  const parsed = CheckoutCartSchema.safeParse(value)
  if (!parsed.success) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `The payment data holds no valid checkout cart under "${CHECKOUT_CART_KEY}": ${parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join(".")}: ${issue.message}`)
        .join("; ")}`,
    )
  }
  return parsed.data
}
