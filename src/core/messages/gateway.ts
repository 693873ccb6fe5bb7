import { details, labelled } from "./format"

/**
 * What staff are told when a call to a payment gateway fails, by how it failed (the kinds of
 * `GatewayError`). The gateway's own words are kept verbatim: after the refusal, or at the end.
 */
export type GatewayFailure =
  | "rejected"
  | "not_found"
  | "auth"
  | "rate_limited"
  | "unavailable"
  | "ambiguous"

interface Operation {
  /** "the refund" */
  the: string
  /** what a refusal left undone: "nothing was refunded" */
  nothing: string
}

const OPERATIONS: Record<string, Operation> = {
  refund: { the: "the refund", nothing: "nothing was refunded" },
  capture: { the: "the capture", nothing: "nothing was captured" },
  cancellation: { the: "the cancellation", nothing: "nothing was cancelled" },
  "payment creation": { the: "the new payment", nothing: "no payment was created" },
  authorization: { the: "the payment check", nothing: "nothing was changed" },
  "status check": { the: "the status check", nothing: "nothing was changed" },
  retrieval: { the: "the payment lookup", nothing: "nothing was changed" },
}

function operationOf(operation: string): Operation {
  return OPERATIONS[operation] ?? { the: `the ${operation}`, nothing: "nothing was changed" }
}

/**
 * A gateway call that failed. `said` is the gateway's message (or, for failures of the
 * connection, what happened to it); `code` the gateway's error code, if it gave one.
 */
export function gatewayFailureMessage(input: {
  gateway: string
  kind: GatewayFailure
  /** what was being done: "refund", "capture", "payment creation", … */
  operation: string
  said: string
  code?: string | number | null
}): string {
  const { gateway: g, said } = input
  const op = operationOf(input.operation)
  const code = input.code != null ? `error ${input.code}` : null
  switch (input.kind) {
    case "rejected":
      return `${g} refused ${op.the}, so ${op.nothing}: ${said}${details(code)}`
    case "not_found":
      return `${g} does not know this payment, so ${op.the} was not done. Check that the store is connected to the ${g} account the payment was made with.${details(said, code)}`
    case "auth":
      return `${g} refused the store's credentials, so ${op.the} was not done. Ask whoever set up the store to check its ${g} credentials.${details(said, code)}`
    case "rate_limited":
      return `${g} is receiving too many requests and did not take ${op.the}, so nothing was done. Try again in a moment.${details(said, code)}`
    case "unavailable":
      return `${g} could not be reached or did not answer, so ${op.the} was not sent and nothing was done. Try again in a moment.${details(said, code)}`
    case "ambiguous":
      return `${g}'s answer to ${op.the} was lost, so it is not known whether it was done. Check the payment in ${g}'s dashboard before trying again.${details(said, code)}`
  }
}

/** A failure that is not the gateway's (a bug, an unexpected answer shape): what and why. */
export function operationFailedMessage(operation: string, cause: string): string {
  const the = operationOf(operation).the
  return `${the[0].toUpperCase()}${the.slice(1)} failed: ${cause}`
}

/**
 * Why a refund failed at the gateway, for the order page ("Failed at the gateway: …"): the
 * gateway's own reason, verbatim, whenever it gives one.
 */
export function gatewayRefundFailureReason(input: {
  gateway: string
  /** the gateway's status of the refund, as it wrote it ("declined", "FAILED") */
  status: string
  reason?: string | null
}): string {
  const reason = input.reason?.trim()
  if (reason) return reason
  return `${input.gateway} marked the refund "${input.status}" and gave no reason`
}

/** A refund the gateway answered as failed at once, without a reason. */
export function refusedWithoutReason(status: string): string {
  return `no reason given (refund status ${status})`
}

// ---- refunds a provider cannot send as asked (nothing was sent) -----------------------------

/** The amount, in the gateway's minor units, is zero or less. */
export function refundRoundsToNothingMessage(input: {
  gateway: string
  /** the amount asked, as written */
  amount: string
  currency_code: string
  /** the smallest amount the gateway refunds, e.g. "0.01" */
  smallest: string
}): string {
  const currency = input.currency_code.toUpperCase()
  return `A refund of ${input.amount} ${currency} rounds to nothing at ${input.gateway}, so nothing was sent. Refund at least ${input.smallest} ${currency}.`
}

/** The gateway's own rounding of the refund lines gives nothing. */
export function refundLinesRoundToNothingMessage(gateway: string): string {
  return `Under ${gateway}'s rounding these items would refund nothing, so nothing was sent. Refund them together with other items, or by amount instead.`
}

/** The gateway's own rounding of the refund lines gives another amount than Medusa's. */
export function refundLinesAmountMismatchMessage(input: {
  gateway: string
  /** what the gateway would refund, and what was asked, with currency ("24.19 EUR") */
  would_refund: string
  asked: string
}): string {
  return `Under ${input.gateway}'s rounding these items would refund ${input.would_refund}, not the ${input.asked} asked, so nothing was sent. Refund them by amount instead.`
}

/** A refund line needs a tax table the gateway's order was not created with. */
export function refundTaxTableMissingMessage(input: {
  gateway: string
  order_id: string
  tax_table: string
  item_id: string
}): string {
  return `${input.gateway} cannot refund this at a tax rate its order was not paid with, so nothing was sent. Refund it in ${input.gateway}'s dashboard instead; the order page records that refund once ${input.gateway} reports it.${details(labelled(`${input.gateway} order`, input.order_id), `tax table "${input.tax_table}"`, labelled("item", input.item_id))}`
}

/** An order line cannot be told apart among the gateway's cart items. */
export function refundLineNotInGatewayCartMessage(input: {
  gateway: string
  title: string
  line_item_id: string
  why: string
}): string {
  return `"${input.title}" cannot be refunded as a line at ${input.gateway} (${input.why}), so nothing was sent. Refund it by amount instead.${details(labelled("order line", input.line_item_id))}`
}

/** The gateway's cart has fewer units of a line left to refund than the refund asks for. */
export function refundUnitsLeftAtGatewayMessage(input: {
  gateway: string
  title: string
  left: number
  asked: number
}): string {
  const { gateway: g } = input
  const has =
    input.left <= 0
      ? `${g} has no units of "${input.title}" left to refund`
      : `${g} has only ${input.left} of "${input.title}" left to refund`
  return `${has} (${input.asked} asked), so nothing was sent. Some may have been refunded in ${g}'s dashboard: check there before refunding by amount.`
}

/** A shipping method the refund covers is not among the gateway's cart items. */
export function refundShippingNotInGatewayCartMessage(input: {
  gateway: string
  name: string
}): string {
  return `Shipping "${input.name}" is not in ${input.gateway}'s copy of the cart, so it cannot be refunded as a line and nothing was sent. Refund it by amount instead.`
}

// ---- capture and cancel ---------------------------------------------------------------------

export function nothingToCaptureMessage(input: {
  gateway: string
  status: string
  reference: string
}): string {
  return `There is nothing to capture: the payment is "${input.status}" at ${input.gateway}.${details(labelled(`${input.gateway} order`, input.reference))}`
}

export function paidNotCancellableMessage(input: { gateway: string; reference: string }): string {
  return `This payment is already captured at ${input.gateway}, so it cannot be cancelled; refund it instead.${details(labelled(`${input.gateway} order`, input.reference))}`
}
