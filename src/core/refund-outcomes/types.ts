import { RefundStatus } from "../payment-data"

/**
 * The one event every gateway feeds when it learns how refunds of a payment stand (a webhook, a
 * callback, a reconciliation read). Gateway-neutral: the plugin's subscriber turns it into
 * Medusa state, whichever gateway sent it.
 */
export const REFUND_UPDATED_EVENT = "line_refunds.refund_updated"

/** One refund as the gateway reports it. */
export interface GatewayRefundReport {
  /** the gateway's own id for this refund (MultiSafepay: the refund transaction id) */
  gateway_reference: string
  status: RefundStatus
  /** major units, decimal string, in `currency_code` */
  amount: string
  currency_code: string
  /**
   * The plugin's logical refund key when the gateway echoes it back (a refund reference or
   * refund order id we sent). Lets a refund whose response was lost be matched to its plan.
   */
  idempotency_key?: string | null
  /** the gateway's raw status, or its reason when the refund failed: kept for staff */
  gateway_status?: string | null
  reason?: string | null
  /** when the gateway says the refund was created (ISO 8601), if it does */
  created_at?: string | null
}

export interface RefundUpdatedEvent {
  /** the reporting provider's identifier, e.g. `multisafepay` (informative: the session finds the payment) */
  provider: string
  /**
   * Medusa's payment session id the gateway payment belongs to. Providers derive it from what
   * the gateway says (never from an unverified body), so the subscriber can find the payment.
   */
  session_id: string
  /** the gateway's id of the payment (order id, payment id) */
  payment_reference: string
  /**
   * Every refund the gateway knows for this payment at the time of the report (a snapshot, not
   * a delta): replays and out-of-order deliveries then converge on the same state.
   */
  refunds: GatewayRefundReport[]
  /**
   * How long after a refund request the gateway is sure to show the refund if it made it. A
   * refund in doubt (its answer was lost) that this snapshot does not show, sent longer ago than
   * this, was never made: its units are released. Absent: such refunds stay in doubt.
   */
  absent_after_seconds?: number | null
  source: "webhook" | "reconciliation"
}

/**
 * A request to re-read a payment's refunds from its gateway, sent by the reconciliation job
 * through the payment module's `getWebhookActionAndData` (the only public way to reach a
 * provider). It names a session and nothing else: the provider reads the gateway and reports
 * what the gateway says, so a forged request can only cause a harmless re-read.
 */
export const RECONCILE_REQUEST_KEY = "line_refunds_reconcile"

export interface ReconcileRequest {
  [RECONCILE_REQUEST_KEY]: { session_id: string }
}

export function readReconcileRequest(data: unknown): { session_id: string } | null {
  if (!data || typeof data !== "object") return null
  const request = (data as Record<string, unknown>)[RECONCILE_REQUEST_KEY]
  if (!request || typeof request !== "object") return null
  const sessionId = (request as Record<string, unknown>).session_id
  return typeof sessionId === "string" && sessionId.length > 0 ? { session_id: sessionId } : null
}
