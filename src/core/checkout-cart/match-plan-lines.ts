import { MedusaError } from "@medusajs/framework/utils"
import { CheckoutCartLine } from "./types"

/**
 * An order line to trace back to the checkout cart line it was made from. A `RefundPlanLine`
 * fits (it has no `product_id`: lines without a variant then match on their title among
 * checkout lines without a variant and without a product).
 */
export interface OrderLineRef {
  line_item_id: string
  variant_id: string | null
  product_id?: string | null
  title: string
  /** index of the line in the order */
  position: number
  /**
   * The cart line id, when the store recorded it on the order line (e.g. from the line's
   * metadata). When present the match is by this id alone.
   */
  cart_line_item_id?: string | null
}

export type PlanLineMatch =
  | { status: "matched"; line_item_id: string; checkout_line: CheckoutCartLine }
  | { status: "unmatched"; line_item_id: string; reason: string }

type Keyed = { variant_id: string | null; product_id?: string | null; title: string }

/** Lines with a variant match on it; lines without one on their product and title. */
function matchKey(line: Keyed): string {
  return line.variant_id != null
    ? `variant\u0000${line.variant_id}`
    : `product\u0000${line.product_id ?? ""}\u0000${line.title}`
}

function describe(line: Keyed): string {
  return line.variant_id != null
    ? `variant ${line.variant_id}`
    : `no variant, product ${line.product_id ?? "none"} and title "${line.title}"`
}

function byPosition<T extends { position: number }>(a: T, b: T): number {
  return a.position - b.position
}

/**
 * Maps order lines back to the checkout cart lines they came from. Completing a cart gives its
 * lines new ids (Medusa copies title, variant, product, price and metadata, never the cart line
 * id), so the match is by content:
 * - candidates are the checkout lines with the same variant (without a variant: the same product
 *   and title);
 * - among several lines with one key, the k-th order line (by position) is the k-th checkout line
 *   (by position): completing a cart keeps the relative order of its lines;
 * - pass ALL of the order's lines, not only those being refunded: ranks are counted among the
 *   lines given. If fewer order lines than checkout lines share a key, the ranks are unknowable
 *   and those order lines are unmatched rather than guessed;
 * - order lines beyond the checkout lines of their key (added after checkout, e.g. by an order
 *   edit) and lines with no candidate are unmatched, with the reason.
 * Returns one result per order line, keyed by order line id.
 */
export function matchPlanLines(
  orderLines: ReadonlyArray<OrderLineRef>,
  checkoutLines: ReadonlyArray<CheckoutCartLine>,
): Record<string, PlanLineMatch> {
  const result: Record<string, PlanLineMatch> = {}
  const claimed = new Set<string>()

  // exact matches first, by a recorded cart line id
  const checkoutById = new Map(checkoutLines.map((line) => [line.line_item_id, line]))
  const byContent: OrderLineRef[] = []
  for (const line of orderLines) {
    if (!line.cart_line_item_id) {
      byContent.push(line)
      continue
    }
    const found = checkoutById.get(line.cart_line_item_id)
    result[line.line_item_id] =
      found && !claimed.has(found.line_item_id)
        ? { status: "matched", line_item_id: line.line_item_id, checkout_line: found }
        : {
            status: "unmatched",
            line_item_id: line.line_item_id,
            reason: found
              ? `cart line ${line.cart_line_item_id} is claimed by another order line`
              : `the checkout cart has no line ${line.cart_line_item_id}`,
          }
    if (found) claimed.add(found.line_item_id)
  }

  const groups = new Map<string, { order: OrderLineRef[]; checkout: CheckoutCartLine[] }>()
  const group = (key: string) => {
    let found = groups.get(key)
    if (!found) groups.set(key, (found = { order: [], checkout: [] }))
    return found
  }
  for (const line of byContent) group(matchKey(line)).order.push(line)
  for (const line of checkoutLines) {
    if (!claimed.has(line.line_item_id)) group(matchKey(line)).checkout.push(line)
  }

  for (const { order, checkout } of groups.values()) {
    if (order.length === 0) continue
    order.sort(byPosition)
    checkout.sort(byPosition)
    const ambiguous = checkout.length > 1 && order.length < checkout.length
    order.forEach((line, rank) => {
      const unmatched = (reason: string) =>
        (result[line.line_item_id] = {
          status: "unmatched",
          line_item_id: line.line_item_id,
          reason,
        })
      if (checkout.length === 0) {
        unmatched(`the checkout cart has no line with ${describe(line)}`)
      } else if (ambiguous) {
        unmatched(
          `${checkout.length} checkout lines have ${describe(line)} but only ${order.length} order ` +
            `line(s) with it were given, so which is which is unknown (pass all of the order's lines)`,
        )
      } else if (rank >= checkout.length) {
        unmatched(
          `order line ${rank + 1} with ${describe(line)}, but the checkout cart had only ` +
            `${checkout.length} such line(s): added after checkout`,
        )
      } else {
        result[line.line_item_id] = {
          status: "matched",
          line_item_id: line.line_item_id,
          checkout_line: checkout[rank],
        }
      }
    })
  }
  return result
}

/**
 * The checkout line of every order line, keyed by order line id, or a MedusaError naming the
 * lines that have none: for callers that must not go on with a partial match.
 */
export function requireMatchedLines(
  matches: Record<string, PlanLineMatch>,
): Record<string, CheckoutCartLine> {
  const unmatched = Object.values(matches).filter(
    (m): m is Extract<PlanLineMatch, { status: "unmatched" }> => m.status === "unmatched",
  )
  if (unmatched.length) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `No checkout cart line found for order line(s) ${unmatched
        .map((m) => `${m.line_item_id} (${m.reason})`)
        .join("; ")}`,
    )
  }
  return Object.fromEntries(
    Object.values(matches).map((m) => [
      m.line_item_id,
      (m as Extract<PlanLineMatch, { status: "matched" }>).checkout_line,
    ]),
  )
}
