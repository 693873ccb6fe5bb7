import { BigNumberInput } from "@medusajs/framework/types"
import { getLineItemTotals, getShippingMethodTotals, MedusaError } from "@medusajs/framework/utils"
import { currencyExponent, Decimal, decimalString, minorUnit, Rounding, toDecimal } from "../money"
import { sumTaxRate } from "../refund-plan/line-amounts"
import { OrderItemSnapshot, ShippingMethodSnapshot } from "../refund-plan/types"
import { CheckoutCart, CheckoutCartDiscount, CheckoutCustomer } from "./types"

/**
 * Gateway-neutral snapshots of a Medusa cart: the raw fields Medusa stores (exact decimals, as in
 * Query's `raw_*` fields), so amounts can be derived with Medusa's own totals functions. Carts
 * store lines and shipping methods as orders do.
 */
export type CartItemSnapshot = OrderItemSnapshot
/** Cart shipping adjustments carry no `is_tax_inclusive`: Medusa treats them as excluding tax. */
export type CartShippingMethodSnapshot = ShippingMethodSnapshot

export interface CartAddressSnapshot {
  first_name?: string | null
  last_name?: string | null
  phone?: string | null
  company?: string | null
  address_1?: string | null
  address_2?: string | null
  postal_code?: string | null
  city?: string | null
  country_code?: string | null
  province?: string | null
}

export interface CartSnapshot {
  id: string
  currency_code: string
  /** Medusa's cart total as Medusa computed it (its `raw_total`), major units */
  total: BigNumberInput
  /**
   * The amount the payment session will be for (the payment collection's amount). When given it
   * must equal `total`: a difference means the cart changed after its collection was computed.
   */
  payment_amount?: BigNumberInput | null
  /** in the cart's line order: the position of each line is its index here */
  items: CartItemSnapshot[]
  /** in the cart's order */
  shipping_methods?: CartShippingMethodSnapshot[] | null
  /** store credit applied to the cart: not supported, see `buildCheckoutCart` */
  credit_lines?: Array<{ amount: BigNumberInput }> | null
  email?: string | null
  billing_address?: CartAddressSnapshot | null
  shipping_address?: CartAddressSnapshot | null
}

/**
 * Medusa divides with 20 decimal places and reports computed totals with 20 significant digits:
 * a tax-inclusive 10.00 at 21 % comes out of its totals functions as 9.99999999999999999999…
 * Line and shipping totals are therefore rounded to 12 decimals beyond the currency's minor unit
 * (half-up), which keeps every real digit (prices times tax rates) and drops that noise.
 */
const NOISE_DIGITS = 12

function withoutNoise(value: Decimal, currencyCode: string): Decimal {
  return value.decimalPlaces(currencyExponent(currencyCode) + NOISE_DIGITS, Rounding.HALF_UP)
}

/**
 * What may still separate the sum of the lines from Medusa's cart total after that, and is put
 * on the largest total: a millionth of a minor unit. Anything more is money the lines do not
 * account for.
 */
function noiseTolerance(currencyCode: string): Decimal {
  return minorUnit(currencyCode).shiftedBy(-6)
}

function invalid(message: string): MedusaError {
  return new MedusaError(MedusaError.Types.INVALID_DATA, message)
}

function quantityOf(value: BigNumberInput, what: string): number {
  const quantity = toDecimal(value)
  if (!quantity.isInteger() || quantity.lte(0) || !Number.isSafeInteger(quantity.toNumber())) {
    throw invalid(`${what} must be a whole number of units above 0, got ${quantity.toFixed()}`)
  }
  return quantity.toNumber()
}

/** Tiny negatives from Medusa's 20-decimal divisions (a fully discounted line) are zero. */
function notNegative(value: Decimal, tolerance: Decimal, what: string): Decimal {
  if (!value.isNegative()) return value
  if (value.abs().lte(tolerance)) return toDecimal(0)
  throw invalid(`${what} comes to ${value.toFixed()}, below zero`)
}

/** One line or shipping method while being computed: exact decimals, stringified at the end. */
interface Part {
  quantity: number
  /** after discounts, excluding tax, for the whole quantity */
  net: Decimal
  /** Medusa's total, noise removed */
  total: Decimal
  /** a line's discounts per code, tax included, noise removed; undefined without adjustments */
  discounts?: Array<{ code: string | null; amount: Decimal }>
}

function partOf(
  totals: { subtotal: unknown; discount_subtotal: unknown; total: unknown },
  quantity: number,
  currencyCode: string,
  what: string,
): Part {
  const tolerance = noiseTolerance(currencyCode)
  const net = toDecimal(totals.subtotal as never).minus(
    toDecimal(totals.discount_subtotal as never),
  )
  return {
    quantity,
    net: notNegative(net, tolerance, `${what} after discounts, excluding tax,`),
    total: notNegative(
      withoutNoise(toDecimal(totals.total as never), currencyCode),
      tolerance,
      what,
    ),
  }
}

function linePart(item: CartItemSnapshot, currencyCode: string): Part {
  const what = `Cart line ${item.id} (${item.title})`
  const quantity = quantityOf(item.quantity, `The quantity of ${what}`)
  const inclusive = !!item.is_tax_inclusive
  // Medusa's calculateAdjustmentTotal writes each adjustment's own `total` (tax included) onto
  // the objects it is given: kept here to read them back below
  const adjustments: Array<{ amount: Decimal; is_tax_inclusive: boolean; total?: unknown }> = (
    item.adjustments ?? []
  ).map((a) => ({ amount: toDecimal(a.amount), is_tax_inclusive: !!a.is_tax_inclusive }))
  // the inputs Medusa's decorateCartTotals gives getLineItemTotals for a cart line
  const totals = getLineItemTotals(
    {
      id: item.id,
      unit_price: toDecimal(item.unit_price) as never,
      quantity: quantity as never,
      is_tax_inclusive: inclusive,
      tax_lines: (item.tax_lines ?? []).map((t) => ({ rate: t.rate })) as never,
      adjustments: adjustments as never,
    },
    { includeTax: inclusive },
  )
  const part = partOf(totals, quantity, currencyCode, what)
  if (adjustments.length > 0) {
    part.discounts = lineDiscounts(item, adjustments, currencyCode, what)
  }
  return part
}

/**
 * A line's discounts per promotion code, tax included, as Medusa's totals count them
 * (`calculateAdjustmentTotal`, which `getLineItemTotals` runs): an adjustment's `amount` is
 * taken as including tax when the adjustment's own `is_tax_inclusive` is set (Medusa copies it
 * from the promotion; it goes with tax-inclusive prices), so its subtotal is amount / (1 + rate);
 * otherwise `amount` excludes tax. Its total, tax included, is subtotal × (1 + rate): the
 * `amount` itself for a tax-inclusive adjustment, amount × (1 + rate) for one excluding tax.
 * Their sum is the line's `discount_total`. Adjustments with the same code are added up.
 */
function lineDiscounts(
  item: CartItemSnapshot,
  adjustments: Array<{ amount: Decimal; total?: unknown }>,
  currencyCode: string,
  what: string,
): Array<{ code: string | null; amount: Decimal }> {
  const tolerance = noiseTolerance(currencyCode)
  const byCode = new Map<string | null, Decimal>()
  adjustments.forEach((adjustment, index) => {
    const code = item.adjustments?.[index]?.code || null
    // Medusa skips an adjustment without an amount: it sets no total then
    const total =
      adjustment.total == null
        ? toDecimal(0)
        : withoutNoise(toDecimal(adjustment.total as never), currencyCode)
    const amount = notNegative(total, tolerance, `A discount on ${what}`)
    byCode.set(code, (byCode.get(code) ?? toDecimal(0)).plus(amount))
  })
  return [...byCode].map(([code, amount]) => ({ code, amount }))
}

function shippingPart(method: CartShippingMethodSnapshot, currencyCode: string): Part {
  const inclusive = !!method.is_tax_inclusive
  const totals = getShippingMethodTotals(
    {
      id: method.id,
      amount: toDecimal(method.amount) as never,
      is_tax_inclusive: inclusive,
      tax_lines: (method.tax_lines ?? []).map((t) => ({ rate: t.rate })) as never,
      adjustments: (method.adjustments ?? []).map((a) => ({
        amount: toDecimal(a.amount),
      })) as never,
    },
    { includeTax: inclusive },
  )
  return partOf(totals, 1, currencyCode, `Shipping method ${method.id} (${method.name})`)
}

function hasAddress(
  address: CartAddressSnapshot | null | undefined,
): address is CartAddressSnapshot {
  return !!address && Object.values(address).some((value) => value != null && value !== "")
}

function customerFrom(
  email: string | null,
  address: CartAddressSnapshot | null | undefined,
): CheckoutCustomer | null {
  if (!email && !hasAddress(address)) return null
  const a = address ?? {}
  return {
    email,
    first_name: a.first_name ?? null,
    last_name: a.last_name ?? null,
    phone: a.phone ?? null,
    address_1: a.address_1 ?? null,
    address_2: a.address_2 ?? null,
    postal_code: a.postal_code ?? null,
    city: a.city ?? null,
    country_code: a.country_code ?? null,
    province: a.province ?? null,
    company: a.company ?? null,
  }
}

/**
 * The checkout cart of a Medusa cart, computed with Medusa's own totals functions
 * (`getLineItemTotals`, `getShippingMethodTotals`: what its cart total is made of):
 * - each line's discounts are folded into its unit prices: `unit_price_excl_tax` is
 *   (subtotal − discount_subtotal) / quantity and `unit_price_incl_tax` is total / quantity, at
 *   full precision (gateways round them, e.g. MultiSafepay to 10 decimals); shipping likewise;
 * - each line with adjustments also lists its discounts per promotion code, tax included
 *   (`discounts`, see `lineDiscounts`), for gateways that show discounts as their own items;
 *   shipping methods list none (their discounts stay folded into the shipping amounts);
 * - line and shipping totals are Medusa's, without its arithmetic noise (see `withoutNoise`),
 *   and add up to Medusa's cart total exactly. Should noise below a millionth of a minor unit
 *   still separate them, it is added to the largest total (lines before shipping, first of
 *   equals), so the sum is exact and no total moves by more than that;
 * - the customer is the billing address (else the shipping address) with the cart's email;
 *   `delivery` is the shipping address with the email.
 *
 * Throws a MedusaError (INVALID_DATA) when the cart is something a cart of lines cannot
 * describe: store credit (credit lines); any other difference between Medusa's total and its
 * lines and shipping (gift cards and the like are not supported); a payment amount that is not
 * the cart's total; a line that is not a whole positive quantity; a negative line.
 */
export function buildCheckoutCart(snapshot: CartSnapshot): CheckoutCart {
  const currency = snapshot.currency_code
  const tolerance = noiseTolerance(currency) // also refuses what is not a currency code
  const cartTotal = toDecimal(snapshot.total)
  const label = currency.toUpperCase()

  const credit = (snapshot.credit_lines ?? []).reduce(
    (sum, line) => sum.plus(toDecimal(line.amount)),
    toDecimal(0),
  )
  if (!credit.isZero()) {
    throw invalid(
      `Cart ${snapshot.id} has store credit (credit lines) of ${credit.toFixed()} ${label}: carts ` +
        `paid partly with credit lines are not supported for payments that need the cart's lines`,
    )
  }
  if (snapshot.payment_amount != null && !toDecimal(snapshot.payment_amount).eq(cartTotal)) {
    throw invalid(
      `The payment collection of cart ${snapshot.id} is for ` +
        `${toDecimal(snapshot.payment_amount).toFixed()} ${label} but the cart's total is ` +
        `${cartTotal.toFixed()} ${label}: the cart changed after its payment collection was ` +
        `computed; refresh the cart and try again`,
    )
  }

  const lines = snapshot.items.map((item) => linePart(item, currency))
  const shipping = (snapshot.shipping_methods ?? []).map((method) => shippingPart(method, currency))
  const sum = (parts: Part[]) => parts.reduce((acc, part) => acc.plus(part.total), toDecimal(0))
  const linesSum = sum(lines)
  const shippingSum = sum(shipping)
  const residual = cartTotal.minus(linesSum).minus(shippingSum)
  const parts = [...lines, ...shipping]
  if (!residual.isZero()) {
    if (residual.abs().gt(tolerance) || parts.length === 0) {
      throw invalid(
        `Cart ${snapshot.id}: its lines (${linesSum.toFixed()}) and shipping ` +
          `(${shippingSum.toFixed()}) add up to ${linesSum.plus(shippingSum).toFixed()} ${label} ` +
          `but Medusa's cart total is ${cartTotal.toFixed()} ${label}. Amounts outside line items ` +
          `and shipping methods (gift cards, store credit) are not supported for payments that ` +
          `need the cart's lines`,
      )
    }
    const largest = parts.reduce((best, part) =>
      part.total.abs().gt(best.total.abs()) ? part : best,
    )
    largest.total = largest.total.plus(residual)
  }

  const email = snapshot.email ?? null
  const billing = hasAddress(snapshot.billing_address)
    ? snapshot.billing_address
    : snapshot.shipping_address
  return {
    cart_id: snapshot.id,
    currency_code: currency,
    total: decimalString(cartTotal),
    lines: snapshot.items.map((item, position) => {
      const part = lines[position]
      return {
        line_item_id: item.id,
        variant_id: item.variant_id ?? null,
        product_id: item.product_id ?? null,
        sku: item.variant_sku ?? null,
        title: item.title,
        position,
        quantity: part.quantity,
        unit_price_excl_tax: decimalString(part.net.div(part.quantity)),
        unit_price_incl_tax: decimalString(part.total.div(part.quantity)),
        tax_rate: decimalString(sumTaxRate(item.tax_lines)),
        total: decimalString(part.total),
        ...(part.discounts
          ? {
              discounts: part.discounts.map(
                (d): CheckoutCartDiscount => ({
                  code: d.code,
                  amount_incl_tax: decimalString(d.amount),
                }),
              ),
            }
          : {}),
      }
    }),
    shipping: (snapshot.shipping_methods ?? []).map((method, position) => {
      const part = shipping[position]
      return {
        shipping_method_id: method.id,
        name: method.name,
        position,
        amount_excl_tax: decimalString(part.net),
        amount_incl_tax: decimalString(part.total),
        tax_rate: decimalString(sumTaxRate(method.tax_lines)),
        total: decimalString(part.total),
      }
    }),
    customer: customerFrom(email, billing),
    delivery: hasAddress(snapshot.shipping_address)
      ? customerFrom(email, snapshot.shipping_address)
      : null,
  }
}
