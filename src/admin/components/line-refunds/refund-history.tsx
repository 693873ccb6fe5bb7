import { Badge, Text } from "@medusajs/ui"
import { formatAmount } from "../../lib/format-amount"
import { RefundStatus, RefundSummary } from "../../lib/refund-summary"

type Refund = RefundSummary["refunds"][number]

const STATUS: Record<RefundStatus, { label: string; color: "orange" | "green" | "red" | "grey" }> =
  {
    in_doubt: { label: "In doubt", color: "orange" },
    pending: { label: "Pending", color: "orange" },
    succeeded: { label: "Succeeded", color: "green" },
    failed: { label: "Failed", color: "red" },
    released: { label: "Not made", color: "grey" },
  }

const SOURCE: Record<string, string> = {
  admin_refund: "Medusa's Refund button",
  return_refund: "Return refund",
  auto_refund: "Refunded on receipt",
  chosen_lines: "Chosen items, no return",
  gateway_report: "Made in the gateway's dashboard",
  external: "Made outside the plugin",
}

/** The gateway's reason as it wrote it, without a final full stop (the sentence goes on). */
function withoutFinalStop(reason: string): string {
  return reason.trim().replace(/\.+$/, "")
}

/** "2 Dec, 05:12" in the browser's locale and time zone. */
function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, {
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  })
}

/**
 * Every refund of the order, grouped by payment: what it paid for, how much, the gateway's
 * reference, and its status with the time it reached it; a failed refund shows the gateway's own
 * reason, and "pending" is explained once.
 */
export function RefundHistory(props: { summary: RefundSummary }) {
  const { summary } = props
  if (!summary.refunds.length) return null
  const payments = [...new Set(summary.refunds.map((r) => r.payment_id))]
  const anyPending = summary.refunds.some((r) => r.status === "pending")
  return (
    <div className="flex flex-col gap-4 px-6 py-4" data-testid="refund-history">
      <Text weight="plus">Refund history</Text>
      {payments.map((paymentId) => (
        <div key={paymentId} className="flex flex-col gap-3">
          {payments.length > 1 && (
            <Text size="small" className="text-ui-fg-subtle">
              Payment {paymentId}
            </Text>
          )}
          {summary.refunds
            .filter((r) => r.payment_id === paymentId)
            .map((refund) => (
              <RefundRow
                key={refund.id}
                refund={refund}
                currency={summary.currency_code}
                gateway={summary.gateway}
              />
            ))}
        </div>
      ))}
      {anyPending && (
        <Text size="small" className="text-ui-fg-subtle" data-testid="pending-explained">
          Pending means {summary.gateway} accepted the refund and is still paying it out; this page
          updates by itself when {summary.gateway} reports that it succeeded or failed.
        </Text>
      )}
    </div>
  )
}

function RefundRow(props: { refund: Refund; currency: string; gateway: string }) {
  const { refund, currency, gateway } = props
  const status = STATUS[refund.status]
  const what =
    refund.kind === "lines"
      ? refund.lines
          .map((l) =>
            l.kind === "shipping"
              ? `Shipping (${l.title}) ${formatAmount(l.amount, currency)}`
              : `${l.quantity}× ${l.title} ${formatAmount(l.amount, currency)}`,
          )
          .join(", ")
      : "Amount only, no lines"
  const origin = [
    SOURCE[refund.source] ?? refund.source,
    ...refund.return_labels.map((label) => `return ${label}`),
  ].join(" · ")
  return (
    <div className="flex items-start justify-between gap-3" data-testid="refund-row">
      <div className="flex flex-col gap-0.5">
        <Text size="small" weight="plus">
          {formatAmount(refund.gateway_amount ?? refund.amount, currency)}
        </Text>
        <Text size="small">{what}</Text>
        <Text size="small" className="text-ui-fg-subtle">
          {origin}
          {refund.gateway_reference ? ` · ${gateway} ref. ${refund.gateway_reference}` : ""}
        </Text>
        {refund.status === "failed" && (
          <Text size="small" className="text-ui-fg-error">
            {gateway} refused it: {withoutFinalStop(refund.failure_reason ?? "no reason given")}.
            The amount is owed to the customer again.
          </Text>
        )}
        {refund.status === "in_doubt" && (
          <Text size="small" className="text-ui-fg-subtle">
            {gateway} may have made this refund, but its answer was lost. The plugin is checking
            with {gateway}; do not refund these items again.
          </Text>
        )}
      </div>
      <div className="flex shrink-0 flex-col items-end gap-1">
        <Badge color={status.color} className="whitespace-nowrap">
          {status.label}
        </Badge>
        <Text size="xsmall" className="text-ui-fg-subtle whitespace-nowrap">
          {when(refund.status_changed_at)}
        </Text>
      </div>
    </div>
  )
}
