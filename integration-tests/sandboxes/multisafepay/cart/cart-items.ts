import { ErrorCode, mspError } from "../errors"
import { parseFixed } from "../money/fixed-point"
import { CartItem, TaxTables, UNIT_PRICE_SCALE } from "../state/order-model"
import { normalizeSelector, rateForLine } from "./tax-tables"

/** A cart line as read from a request, before it is checked against an order. */
export interface ParsedItem {
  name: string
  description: string
  unitPrice: bigint
  quantity: number
  merchantItemId: string | number
  /** merchant_item_id as a string: ids are compared as strings ("1111" equals 1111) */
  key: string
  taxTableSelector: string | null
  extra: Record<string, unknown>
}

const KNOWN_FIELDS = new Set([
  "name",
  "description",
  "unit_price",
  "quantity",
  "merchant_item_id",
  "tax_table_selector",
])

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}

/** A quantity sent as an integer number or an integer string ("3", "-2" in the 2021 docs). */
function parseQuantity(value: unknown): number | undefined {
  const number =
    typeof value === "number"
      ? value
      : typeof value === "string" && /^-?\d+$/.test(value)
        ? Number(value)
        : NaN
  return Number.isSafeInteger(number) ? number : undefined
}

/**
 * Reads one item. `structuralCode` is the error for a malformed line: 5001 ("cart data not
 * validated") when an order is created, 1000 in a refund (see README).
 */
export function parseItem(
  raw: unknown,
  where: string,
  currency: string,
  structuralCode: number,
): ParsedItem {
  if (!isRecord(raw)) throw mspError(structuralCode, `${where} must be an object`)
  const id = raw.merchant_item_id
  const idOk =
    (typeof id === "string" && id !== "") || (typeof id === "number" && Number.isFinite(id))
  if (!idOk) throw mspError(structuralCode, `${where}.merchant_item_id is required`)
  const merchantItemId = id as string | number

  const price = parseFixed(raw.unit_price, UNIT_PRICE_SCALE)
  if (!price.ok) {
    const why = price.reason === "too_many_decimals" ? "more than 10 decimals" : "not a number"
    throw mspError(
      ErrorCode.INVALID_UNIT_PRICE,
      `Invalid unit price at ${where} (merchant_item_id ${String(merchantItemId)}): ${JSON.stringify(raw.unit_price)} is ${why}`,
    )
  }
  const quantity = parseQuantity(raw.quantity)
  if (quantity === undefined || quantity === 0) {
    throw mspError(
      structuralCode,
      `${where}.quantity must be a non-zero integer, got ${JSON.stringify(raw.quantity)}`,
    )
  }
  const selector = normalizeSelector(raw.tax_table_selector)
  if (selector === undefined) {
    throw mspError(structuralCode, `${where}.tax_table_selector must be a string`)
  }
  if (raw.currency !== undefined && raw.currency !== currency) {
    throw mspError(
      ErrorCode.CART_CURRENCY_MISMATCH,
      `Cart currency must equal the order currency: ${where}.currency is ${JSON.stringify(raw.currency)}, the order is in ${currency}`,
    )
  }
  if (raw.name !== undefined && typeof raw.name !== "string") {
    throw mspError(structuralCode, `${where}.name must be a string`)
  }
  const extra: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(raw)) if (!KNOWN_FIELDS.has(key)) extra[key] = value

  return {
    name: typeof raw.name === "string" ? raw.name : "",
    description: typeof raw.description === "string" ? raw.description : "",
    unitPrice: price.value,
    quantity,
    merchantItemId,
    key: String(merchantItemId),
    taxTableSelector: selector,
    extra,
  }
}

export function toCartItem(item: ParsedItem, rate: bigint, refundId: number | null): CartItem {
  return {
    name: item.name,
    description: item.description,
    unitPrice: item.unitPrice,
    quantity: item.quantity,
    merchantItemId: item.merchantItemId,
    taxTableSelector: item.taxTableSelector,
    rate,
    refundId,
    extra: item.extra,
  }
}

/**
 * The shopping cart of a new order: non-empty, every line named, positive integer quantities,
 * unique merchant_item_ids, selectors that name one of the order's tax tables.
 */
export function parseOrderCart(
  shoppingCart: unknown,
  currency: string,
  tables: TaxTables,
): CartItem[] {
  const items = isRecord(shoppingCart) ? shoppingCart.items : undefined
  if (!Array.isArray(items) || items.length === 0) {
    throw mspError(ErrorCode.CART_NOT_VALIDATED, "shopping_cart.items must be a non-empty array")
  }
  const seen = new Set<string>()
  return items.map((raw: unknown, index) => {
    const where = `shopping_cart.items[${index}]`
    const item = parseItem(raw, where, currency, ErrorCode.CART_NOT_VALIDATED)
    if (item.name === "") throw mspError(ErrorCode.CART_NOT_VALIDATED, `${where}.name is required`)
    if (item.quantity < 1) {
      throw mspError(ErrorCode.CART_NOT_VALIDATED, `${where}.quantity must be a positive integer`)
    }
    if (seen.has(item.key)) {
      throw mspError(
        ErrorCode.CART_NOT_VALIDATED,
        `Cart data not validated: merchant_item_id "${item.key}" appears more than once; each cart line needs a unique merchant_item_id`,
      )
    }
    seen.add(item.key)
    return toCartItem(item, rateForLine(tables, item.taxTableSelector, item.key, where), null)
  })
}
