/**
 * The create-order body, checked field by field (the wire contract's shape). Cross-field rules
 * (line totals, order total) are in create-order.ts: they only run on a well-formed body.
 */
import { fitsTwoDecimals, isCurrencyCode } from "../money/currencies"
import type { Cents } from "../state/order-model"
import { isRecord, Validation } from "./validation"

export const ORDER_REFERENCE = /^[A-Za-z0-9_-]{1,64}$/
const BNPL_PROVIDER = /^[A-Z0-9_]{2,40}$/
const COUNTRY = /^[A-Z]{2}$/
const LOCALE = /^[a-z]{2}-[A-Z]{2}$/

export interface OrderLine {
  quantity: number
  unitPriceCents: Cents
  totalAmountCents: Cents
}

export interface OrderRequest {
  orderReference: string
  bnplProvider: string
  purchaseCurrency: string
  orderAmountCents: Cents
  lines: OrderLine[]
  taxCents: Cents
  shippingCents: Cents
  discountCents: Cents
  dynamicRedirectUrl: string
  dynamicCallbackUrl: string | null
}

function checkCustomer(v: Validation, body: Record<string, unknown>): void {
  const customer = v.object(body, "customer", "customer")
  if (!customer) return
  v.string(customer, "firstName", "customer.firstName")
  v.string(customer, "lastName", "customer.lastName")
  v.email(customer, "email", "customer.email")
  v.string(customer, "phone", "customer.phone", { optional: true })
}

function checkAddress(v: Validation, body: Record<string, unknown>, field: string): void {
  const address = v.object(body, field, field, field === "shippingAddress")
  if (!address) return
  v.string(address, "line1", `${field}.line1`)
  v.string(address, "line2", `${field}.line2`, { optional: true, allowEmpty: true })
  v.string(address, "city", `${field}.city`)
  v.string(address, "postcode", `${field}.postcode`)
  v.string(address, "state", `${field}.state`, { optional: true, allowEmpty: true })
  v.string(address, "country", `${field}.country`, { pattern: COUNTRY })
}

function checkLines(v: Validation, body: Record<string, unknown>): OrderLine[] {
  const items = v.array(body, "orderItems", "orderItems") ?? []
  const lines: OrderLine[] = []
  items.forEach((item, index) => {
    const path = `orderItems.${index}`
    if (!isRecord(item)) {
      v.fail(`${path} must be an object`)
      return
    }
    v.string(item, "name", `${path}.name`)
    v.string(item, "sku", `${path}.sku`)
    const quantity = v.integer(item, "quantity", `${path}.quantity`, 1)
    const unitPriceCents = v.amount(item, "unitPrice", `${path}.unitPrice`, { positive: false })
    const totalAmountCents = v.amount(item, "totalAmount", `${path}.totalAmount`, {
      positive: false,
    })
    if (quantity !== undefined && unitPriceCents !== undefined && totalAmountCents !== undefined) {
      lines.push({ quantity, unitPriceCents, totalAmountCents })
    }
  })
  return lines
}

function checkCurrency(v: Validation, body: Record<string, unknown>): string | undefined {
  const currency = v.string(body, "purchaseCurrency", "purchaseCurrency")
  if (currency === undefined) return undefined
  if (!isCurrencyCode(currency)) {
    v.fail("purchaseCurrency must be a valid ISO4217 currency code")
    return undefined
  }
  if (!fitsTwoDecimals(currency)) {
    v.fail(`purchaseCurrency ${currency} is not supported: its amounts need more than 2 decimals`)
    return undefined
  }
  return currency
}

/** Every field problem at once (400 with a message array), else the values the rules need. */
export function readOrderRequest(raw: unknown): OrderRequest {
  const body = isRecord(raw) ? raw : {}
  const v = new Validation()
  const orderReference = v.string(body, "orderReference", "orderReference", {
    pattern: ORDER_REFERENCE,
  })
  const bnplProvider = v.string(body, "bnplProvider", "bnplProvider", { pattern: BNPL_PROVIDER })
  v.string(body, "purchaseCountry", "purchaseCountry", { pattern: COUNTRY })
  const purchaseCurrency = checkCurrency(v, body)
  v.string(body, "locale", "locale", { pattern: LOCALE })
  const orderAmountCents = v.amount(body, "orderAmount", "orderAmount", { positive: true })
  const lines = checkLines(v, body)
  const taxCents = v.amount(body, "taxAmount", "taxAmount", { positive: false })
  const shippingCents = v.amount(body, "shippingAmount", "shippingAmount", { positive: false })
  const discountCents = v.amount(body, "discountAmount", "discountAmount", { positive: false })
  checkCustomer(v, body)
  checkAddress(v, body, "billingAddress")
  checkAddress(v, body, "shippingAddress")
  const dynamicRedirectUrl = v.url(body, "dynamicRedirectUrl", "dynamicRedirectUrl")
  const dynamicCallbackUrl = v.url(body, "dynamicCallbackUrl", "dynamicCallbackUrl", true)
  v.throwIfAny()
  // every value below was checked; the assertions only tell the compiler so
  return {
    orderReference: orderReference!,
    bnplProvider: bnplProvider!,
    purchaseCurrency: purchaseCurrency!,
    orderAmountCents: orderAmountCents!,
    lines,
    taxCents: taxCents!,
    shippingCents: shippingCents!,
    discountCents: discountCents!,
    dynamicRedirectUrl: dynamicRedirectUrl!,
    dynamicCallbackUrl: dynamicCallbackUrl ?? null,
  }
}
