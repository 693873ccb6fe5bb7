/**
 * Why each gateway call of a refund is made: one row per gateway and call, checked against what
 * integration-tests/bench/gateway-traffic.bench.ts observes. A refund needs one call, its refund
 * request; every other call has its reason here, taken from the provider's code and the gateway's
 * facts file (cited). An observed call without a reason, or a reason whose call should have
 * happened and did not, fails the bench.
 */
import type { ObservedCall } from "./gateway-traffic-calls"

/** Where a call sits in one refund's traffic. */
export type CallPhase =
  /** during the refund request, before the refund call */
  | "before"
  /** the refund call itself: the one call every refund needs */
  | "refund"
  /** during the refund request, after the refund call */
  | "after"
  /** seconds later, when the refund's own notification reached the provider */
  | "notification"

/** What a measured refund was: the bench knows it, so a reason can say how often it happens. */
export interface RefundCase {
  gateway: string
  /** refunds of the payment the gateway holds already (0: the order's first refund) */
  earlierRefunds: number
}

export interface CallReason {
  gateway: string
  /** `METHOD path` with placeholders, as `callName` writes it */
  call: string
  phase: CallPhase
  token?: boolean
  /**
   * How many times one refund makes it; "any" for a call that depends on a state the bench does
   * not control (a token cached or not), which is then shown when seen, never required.
   */
  times: (refund: RefundCase) => number | "any"
  why: string
  /** where the reason comes from: the provider's code and the gateway's facts file */
  source: string
}

const once = () => 1

export const CALL_REASONS: readonly CallReason[] = [
  // ---- MultiSafepay: the API key on every call, no tokens ----
  {
    gateway: "multisafepay",
    call: "GET /v1/json/orders/{order}",
    phase: "before",
    times: once,
    why: "read the order before refunding: a refund already under this refund's key (refund_order_id) is recorded instead of sent again, since MultiSafepay is not known to refuse a repeated key; its payment_details.type decides between a cart refund (pay later) and an amount refund; a cart refund must restate the order's current shopping_cart",
    source:
      "src/providers/multisafepay/refunds/refund-steps.ts (inspect, sendRefund); docs/gateways/multisafepay.md#refund-keys, #which-payments-are-refunded-by-cart, #refund-by-shopping-cart",
  },
  {
    gateway: "multisafepay",
    call: "POST /v1/json/orders/{order}/refunds",
    phase: "refund",
    times: once,
    why: "the refund",
    source: "docs/gateways/multisafepay.md#refund-by-amount, #refund-by-shopping-cart",
  },
  {
    gateway: "multisafepay",
    call: "GET /v1/json/orders/{order}",
    phase: "after",
    // the sandbox always answers refund_id (sandboxes/multisafepay/api/refund-order.ts)
    times: () => "any",
    why: "only when the refund's answer carries no refund_id: the refund is found under our key to learn its transaction id, which later notifications name",
    source:
      "src/providers/multisafepay/refunds/refund-steps.ts (sendRefund); docs/gateways/multisafepay.md#refund-by-amount (data may be missing)",
  },
  // ---- Optty: a cached client-credentials token ----
  {
    gateway: "optty",
    call: "POST /auth/token",
    phase: "before",
    token: true,
    times: () => "any",
    why: "a new access token, only when none is cached (24 h, refreshed a minute early) or Optty refused the cached one",
    source:
      "src/providers/optty/api/token-source.ts; docs/gateways/optty.md#authentication-and-tokens",
  },
  {
    gateway: "optty",
    call: "POST /api/orders/{order}/details",
    phase: "before",
    times: once,
    why: "read the order's details before refunding: a refund already there under this reference is recorded, never repeated, and after Optty failed earlier attempts the next one needs a fresh reference (<key>_2), Optty keeping references unique",
    source:
      "src/providers/optty/refunds/refund-steps.ts (inspect); docs/gateways/optty.md#order-details, #refund-references",
  },
  {
    gateway: "optty",
    call: "POST /api/orders/{order}/refund",
    phase: "refund",
    times: once,
    why: "the refund",
    source: "docs/gateways/optty.md#refund-request",
  },
  // ---- Worldline: a token per method and path ----
  {
    gateway: "worldline",
    call: "POST /api/v2/oauth2/tokens",
    phase: "before",
    token: true,
    times: () => "any",
    why: "a token for the scope of the next call (one per method and path: reading an order and refunding need two), only when none is cached for it (sandbox tokens live 300 s, refreshed 30 s early)",
    source:
      "src/providers/worldline/api/token-source.ts; docs/gateways/worldline.md#authentication",
  },
  {
    gateway: "worldline",
    call: "GET /api/v2/merchants/{mid}/orders/{order}",
    phase: "before",
    times: once,
    why: "read the order before refunding: a credit already under the request id (or a numbered retry) is recorded, not sent again; after declines the next request id is <key>-n; with several captures it picks the capture (transactionId) that covers the refund",
    source:
      "src/providers/worldline/refunds/refund-steps.ts (inspect); docs/gateways/worldline.md#refund-retries, #refund-request",
  },
  {
    gateway: "worldline",
    call: "POST /api/v2/merchants/{mid}/orders/{order}/refunds",
    phase: "refund",
    times: once,
    why: "the refund",
    source: "docs/gateways/worldline.md#refund-request",
  },
  // ---- Smartpay: the secret key on every call, no tokens ----
  {
    gateway: "smartpay",
    call: "GET /v1/orders/{order}",
    phase: "before",
    times: once,
    why: "read the order with its payments (?expand=all) before refunding: parts of this refund already made are recorded, never sent again (found by reference, so also after the 6 h an Idempotency-Key lives), and what is left is split over the payments, oldest first",
    source:
      "src/providers/smartpay/refunds/refund-steps.ts (readParts, inspect); docs/gateways/smartpay.md#idempotency, #refund-limits",
  },
  {
    gateway: "smartpay",
    call: "GET /v1/refunds/{refund}",
    phase: "before",
    times: (refund) => refund.earlierRefunds,
    why: "one read per refund already on the order's payments: a payment lists only refund ids, and each refund's reference and amount say whether it is part of this refund and how much the payment has left",
    source:
      "src/providers/smartpay/api/smartpay-client.ts (readRefunds); src/providers/smartpay/refunds/refund-steps.ts (readParts, paymentLeft)",
  },
  {
    gateway: "smartpay",
    call: "POST /v1/refunds",
    phase: "refund",
    times: once,
    why: "the refund (one per payment it is split over; one payment here)",
    source: "docs/gateways/smartpay.md#refund-request",
  },
  // ---- seconds later: the refund's own notification, handled by the provider ----
  {
    gateway: "worldline",
    call: "GET /api/v2/merchants/{mid}/orders/{order}",
    phase: "notification",
    // the sandbox notifies every order change (sandboxes/worldline/notifications/notifications.ts)
    times: once,
    why: "the refund's notification is unsigned, so the provider believes no body: it is a pointer, and the order is read to learn the refund's state",
    source:
      "src/providers/worldline/webhooks/read-notification.ts; docs/gateways/worldline.md#notifications",
  },
  {
    gateway: "smartpay",
    call: "GET /v1/payments/{payment}",
    phase: "notification",
    times: once,
    why: "refund.created names the refund's payment, not its order: the payment is read to find the order (the body is only trusted for which object to look at)",
    source:
      "src/providers/smartpay/webhooks/read-event.ts (orderIdOf); docs/gateways/smartpay.md#webhooks",
  },
  {
    gateway: "smartpay",
    call: "GET /v1/orders/{order}",
    phase: "notification",
    times: once,
    why: "the order and its payments are re-read: the Medusa session is the order's reference, and the report lists every refund of its payments",
    source:
      "src/providers/smartpay/webhooks/read-event.ts (readSmartpayEvent); docs/gateways/smartpay.md#webhooks",
  },
  {
    gateway: "smartpay",
    call: "GET /v1/refunds/{refund}",
    phase: "notification",
    times: (refund) => refund.earlierRefunds + 1,
    why: "every refund of the payment is read one by one (a payment lists refund ids only), this one included, so the report holds each refund's status",
    source:
      "src/providers/smartpay/webhooks/read-event.ts, api/smartpay-client.ts (readRefunds); docs/gateways/smartpay.md#webhooks",
  },
]

export interface CheckedRefund {
  label: string
  refund: RefundCase
  /** the calls during the refund request, in order */
  calls: ObservedCall[]
  /** the calls about the order after the request, until its notifications were handled */
  followUps: ObservedCall[]
}

/** The reason of one observed call, by its place around the refund call. */
export function reasonOf(
  gateway: string,
  call: ObservedCall,
  phase: CallPhase,
): CallReason | undefined {
  return CALL_REASONS.find(
    (r) =>
      r.gateway === gateway &&
      r.call === call.call &&
      (r.phase === phase || (r.token && call.token && phase !== "refund")),
  )
}

/** Each call of a refund with its phase: before, the refund call, after. */
export function phasesOf(gateway: string, calls: ObservedCall[]): CallPhase[] {
  const refundCall = CALL_REASONS.find((r) => r.gateway === gateway && r.phase === "refund")?.call
  const first = calls.findIndex((c) => c.call === refundCall)
  return calls.map((c, i) =>
    first === -1 || i < first ? "before" : c.call === refundCall ? "refund" : "after",
  )
}

/** Every call of a refund with its phase: the request's calls, then its notification's. */
function phased(gateway: string, refund: CheckedRefund): Array<[ObservedCall, CallPhase]> {
  const phases = phasesOf(gateway, refund.calls)
  return [
    ...refund.calls.map((call, i): [ObservedCall, CallPhase] => [call, phases[i]]),
    ...refund.followUps.map((call): [ObservedCall, CallPhase] => [call, "notification"]),
  ]
}

/**
 * Checks the refunds against the table; resolves to the problems (empty when every call has its
 * reason and every reason that should have happened did, as often as it says).
 */
export function checkReasons(refunds: CheckedRefund[]): string[] {
  const problems: string[] = []
  for (const checked of refunds) {
    const { label, refund } = checked
    const counts = new Map<CallReason, number>()
    for (const [call, phase] of phased(refund.gateway, checked)) {
      const reason = reasonOf(refund.gateway, call, phase)
      if (!reason) {
        const where =
          phase === "notification" ? "after its notification" : `${phase} the refund call`
        problems.push(`${label}: ${call.call} (${where}) has no reason`)
        continue
      }
      counts.set(reason, (counts.get(reason) ?? 0) + 1)
    }
    for (const reason of CALL_REASONS.filter((r) => r.gateway === refund.gateway)) {
      const expected = reason.times(refund)
      const made = counts.get(reason) ?? 0
      if (expected !== "any" && made !== expected)
        problems.push(
          `${label}: ${reason.call} (${reason.phase}) was made ${made}×, its reason says ${expected}×`,
        )
    }
  }
  return problems
}

/** The table's reasons no measured refund exercised ("any" ones whose state never came up). */
export function unexercised(refunds: CheckedRefund[]): CallReason[] {
  const gateways = new Set(refunds.map((r) => r.refund.gateway))
  return CALL_REASONS.filter(
    (reason) =>
      gateways.has(reason.gateway) &&
      !refunds.some((checked) =>
        phased(checked.refund.gateway, checked).some(
          ([call, phase]) => reasonOf(checked.refund.gateway, call, phase) === reason,
        ),
      ),
  )
}
