/**
 * The two sections of integration-tests/bench/gateway-traffic.bench.ts as bench rows: one row per
 * measured refund (its gateway calls, in order, with the calls its notification caused), and two
 * per gateway for the webhook (total and after Medusa's delay, medians).
 */
import { gatewayDescriptors } from "../../src/gateway-kit/descriptors"
import type { DemoOrder } from "../dev/demo-orders"
import type { BenchRow, BenchSection } from "./bench-types"
import type { ObservedCall, PaymentVariant } from "./gateway-traffic-calls"
import { CALL_REASONS, CheckedRefund, unexercised } from "./gateway-traffic-reasons"
import {
  FIRST_HANDLING_GUESS_MS,
  median,
  overlaps,
  POLL_MS,
  SLOT_MARGIN_MS,
  WebhookSample,
} from "./gateway-traffic-webhooks"

export const TRAFFIC = "gateway round trips"
export const WEBHOOK = "webhook → order updated"

export const ENTRY_POINTS = ["return route", "stock button", "later refund"] as const
export type EntryPoint = (typeof ENTRY_POINTS)[number]

/** One measured refund: what it was, and the calls it made. */
export interface RefundTraffic extends CheckedRefund {
  variant: PaymentVariant
  entry: EntryPoint
  order: DemoOrder
  /** how long the admin request took */
  ms: number
  /** calls of other orders in the refund's window, left out */
  foreign: string[]
  /** where the log ended after the refund: the notification's calls come after */
  logEnd: number
}

/** Gateways in the descriptors' order, each's variants in theirs, then the entry points. */
function byTable(a: RefundTraffic, b: RefundTraffic): number {
  const gateways = gatewayDescriptors().map((d) => d.identifier)
  return (
    gateways.indexOf(a.refund.gateway) - gateways.indexOf(b.refund.gateway) ||
    a.variant.label.localeCompare(b.variant.label) ||
    ENTRY_POINTS.indexOf(a.entry) - ENTRY_POINTS.indexOf(b.entry)
  )
}

export function shownCall(call: ObservedCall): string {
  return call.token
    ? `[token${call.scope ? ` ${call.scope.split(":")[1]}` : ""}] ${call.call}`
    : call.call
}

export function trafficSection(traffic: RefundTraffic[]): BenchSection {
  const rows: BenchRow[] = [...traffic].sort(byTable).map((t) => {
    const tokens = t.calls.filter((c) => c.token)
    const tokenNote = !CALL_REASONS.some((r) => r.gateway === t.refund.gateway && r.token)
      ? "no token calls (a key on every call)"
      : tokens.length
        ? `${tokens.length} token call(s) included`
        : "token cached (no token call)"
    const after = t.followUps.length
      ? `; then ${t.followUps.length} after its own notification: ${t.followUps.map(shownCall).join(", ")}`
      : ""
    return {
      section: TRAFFIC,
      name: t.label,
      value: t.calls.length,
      unit: "calls",
      note: `${t.calls.map(shownCall).join(" → ")}; ${tokenNote}${after}`,
    }
  })
  const unexplained = traffic.filter((t) => t.foreign.length)
  return {
    section: TRAFFIC,
    rows,
    details: {
      reasons: CALL_REASONS.map(({ times, ...reason }) => ({
        ...reason,
        times_first_refund: String(times({ gateway: reason.gateway, earlierRefunds: 0 })),
      })),
      not_exercised: unexercised(traffic).map((r) => `${r.gateway} ${r.call} (${r.phase})`),
      refunds: traffic.map((t) => ({
        label: t.label,
        order: t.order.orderId,
        ms: t.ms,
        calls: t.calls,
        follow_ups: t.followUps,
      })),
      other_orders_calls_in_windows: unexplained.map((t) => ({ label: t.label, calls: t.foreign })),
    },
  }
}

export function webhookSection(
  samples: WebhookSample[],
  delay: { ms: number; source: string },
  wallMs: number,
  prepareMs: number,
): BenchSection {
  const rows: BenchRow[] = []
  for (const gateway of [...new Set(samples.map((s) => s.gateway))]) {
    const mine = samples.filter((s) => s.gateway === gateway)
    const name = gatewayDescriptors().find((d) => d.identifier === gateway)?.name ?? gateway
    const how =
      gateway === "smartpay"
        ? "declined, then refund.created sent through the control API (Smartpay sends no event when a refund ends)"
        : "declined at the sandbox, which notifies"
    rows.push(
      {
        section: WEBHOOK,
        name: `${name}: delivered → order updated`,
        value: Math.round(median(mine.map((s) => s.totalMs))),
        unit: "ms",
        note: `median of ${mine.length} (${mine.map((s) => s.totalMs).join(", ")}); ${how}; polled every ${POLL_MS} ms`,
      },
      {
        section: WEBHOOK,
        name: `${name}: after Medusa's event delivery`,
        value: Math.round(median(mine.map((s) => s.afterDeliveryMs))),
        unit: "ms",
        note: `total − Medusa's ${delay.ms} ms webhook delay (${delay.source}); the update fell between ${Math.round(median(mine.map((s) => s.notBeforeMs - delay.ms)))} ms (the poll before) and this (medians; a poll took ${Math.round(median(mine.map((s) => s.lastPollMs)))} ms)`,
      },
    )
  }
  return {
    section: WEBHOOK,
    rows,
    details: {
      medusa_webhook_delay_ms: delay.ms,
      medusa_webhook_delay_source: delay.source,
      first_handling_guess_ms: FIRST_HANDLING_GUESS_MS,
      slot_margin_ms: SLOT_MARGIN_MS,
      poll_ms: POLL_MS,
      overlapping_pairs: overlaps(samples, delay.ms),
      samples,
      wall_ms: wallMs,
      boot_and_orders_ms: prepareMs,
    },
  }
}
