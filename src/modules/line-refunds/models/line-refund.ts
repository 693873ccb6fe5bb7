import { model } from "@medusajs/framework/utils"
import { LineRefundClaim } from "./line-refund-claim"
import { LineRefundUnit } from "./line-refund-unit"

/**
 * Status of a refund in the ledger:
 * - in_doubt: written before the gateway is called, and left so when its answer was lost. Its
 *   units stay claimed until the gateway is asked by key (reconciliation, a notification, or a
 *   retry of the same refund).
 * - pending / succeeded: the gateway accepted it (and, for succeeded, carried it out).
 * - failed: the gateway failed it after accepting it; Medusa's refund was undone, units released.
 * - released: it was in doubt and the gateway never made it; units released.
 */
export const LEDGER_STATUSES = ["in_doubt", "pending", "succeeded", "failed", "released"] as const

/** Who started the refund, or how the plugin learned of it. */
export const LEDGER_SOURCES = [
  "admin_refund", // the stock Refund button
  "return_refund", // the plugin's return route and the order page widget
  "auto_refund", // the order.return_received subscriber
  "chosen_lines", // lines and shipping staff chose on the order page, without a return
  "gateway_report", // made at the gateway (its dashboard), recorded from its report
  "external", // made in Medusa outside the plugin's workflow (e.g. order cancellation)
] as const

/**
 * One refund the plugin started or recorded: the record of truth of what was refunded, for every
 * payment provider. Its units say which order lines and shipping it paid back.
 */
export const LineRefund = model
  .define("line_refund", {
    id: model.id({ prefix: "lref" }).primaryKey(),
    payment_id: model.text(),
    order_id: model.text(),
    provider_id: model.text(),
    /** Medusa's refund (`ref_…`) once it is booked; null while in doubt */
    refund_id: model.text().nullable(),
    /** stable per logical refund: what the gateway receives as its idempotency key */
    idempotency_key: model.text(),
    return_ids: model.array(),
    kind: model.enum(["lines", "amount"]),
    source: model.enum([...LEDGER_SOURCES]),
    status: model.enum([...LEDGER_STATUSES]),
    /** what Medusa books (major units, full precision) */
    amount: model.bigNumber(),
    currency_code: model.text(),
    /** what the gateway refunds when its rounding differs from `amount` */
    gateway_amount: model.bigNumber().nullable(),
    /** the gateway's id for the refund: what its reports name */
    gateway_reference: model.text().nullable(),
    /** why the gateway failed it, in its words */
    failure_reason: model.text().nullable(),
    /** why its outcome is unknown (the lost answer), while in doubt */
    doubt_reason: model.text().nullable(),
    /** the plan in payment.data that carried it to the provider */
    plan_id: model.text().nullable(),
    /** the order's pending_difference just before it, so a failed refund can be undone exactly */
    pending_difference_before: model.bigNumber().nullable(),
    note: model.text().nullable(),
    status_changed_at: model.dateTime().nullable(),
    /** when the reconciliation job last asked the gateway about it */
    checked_at: model.dateTime().nullable(),
    /** gateway details the provider returned (ids, raw status) */
    gateway: model.json().nullable(),
    units: model.hasMany(() => LineRefundUnit, { mappedBy: "line_refund" }),
    claims: model.hasMany(() => LineRefundClaim, { mappedBy: "line_refund" }),
  })
  .cascades({ delete: ["units", "claims"] })
  .indexes([
    { on: ["payment_id"] },
    { on: ["order_id"] },
    { on: ["status"] },
    // One Medusa refund, one ledger row.
    { on: ["refund_id"], unique: true, where: "refund_id IS NOT NULL" },
    // A logical refund is live at most once per payment: two attempts computed from the same
    // state (a double press, two processes) cannot both reach the gateway.
    {
      on: ["payment_id", "idempotency_key"],
      unique: true,
      where: "status IN ('in_doubt', 'pending', 'succeeded')",
    },
  ])
