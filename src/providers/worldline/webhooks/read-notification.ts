import { createHash, timingSafeEqual } from "node:crypto"
import { ProviderWebhookPayload } from "@medusajs/framework/types"
import { PaymentActions } from "@medusajs/framework/utils"
import { fromMinorUnits } from "../../../core/money"
import {
  GatewayError,
  GatewayWebhookResult,
  RefundReport,
  WebhookRejected,
} from "../../../gateway-kit"
import { WorldlineOrder } from "../api/schemas"
import { minorOf } from "../money"
import { sessionIdOfOrder } from "../payment-data"
import { refundReport } from "../refunds/refund-report"
import { authorizedMinor, capturedMinor, isRefundTransaction, webhookAction } from "../statuses"

/** The header the plugin's hook middleware moves the URL's `?token=` into. */
export const NOTIFICATION_TOKEN_HEADER = "x-line-refunds-url-token"

const ORDER_ID = /^[A-Za-z0-9_-]{1,50}$/
/** at most this many orders are re-read for one notification */
const MAX_ORDERS = 20

/**
 * Whether the notification URL carried our secret: compared in constant time over digests of
 * equal length (docs/gateways/worldline.md#notifications). No secret configured: nothing to check.
 */
export function tokenMatches(
  headers: Record<string, unknown> | undefined,
  expected: string | undefined,
): boolean {
  if (!expected) return true
  const raw = headers?.[NOTIFICATION_TOKEN_HEADER]
  const given = Array.isArray(raw) ? raw[0] : raw
  if (typeof given !== "string" || given === "") return false
  const a = createHash("sha256").update(given).digest()
  const b = createHash("sha256").update(expected).digest()
  return timingSafeEqual(a, b)
}

/**
 * The order ids a notification points at, and nothing else of it: each notification's self link
 * (its last path segment, URL-decoded), else its `orderId`. Ids that cannot be ours are dropped.
 */
export function notificationOrderIds(body: unknown): string[] {
  const record = body && typeof body === "object" ? (body as Record<string, unknown>) : {}
  const notifications = Array.isArray(record.notifications) ? record.notifications : [record]
  const ids: string[] = []
  for (const n of notifications) {
    if (!n || typeof n !== "object") continue
    const item = n as Record<string, unknown>
    const links = Array.isArray(item.links) ? item.links : []
    const self = links.find(
      (l): l is { rel: string; href: string } =>
        !!l &&
        typeof l === "object" &&
        (l as { rel?: unknown }).rel === "self" &&
        typeof (l as { href?: unknown }).href === "string",
    )
    let id: string | null = null
    if (self) {
      const segment = self.href.split("?")[0].split("#")[0].replace(/\/+$/, "").split("/").pop()
      try {
        id = segment ? decodeURIComponent(segment) : null
      } catch {
        id = null
      }
    } else if (typeof item.orderId === "string") {
      id = item.orderId
    }
    if (id && ORDER_ID.test(id) && !ids.includes(id)) ids.push(id)
  }
  return ids.slice(0, MAX_ORDERS)
}

function bodyOf(payload: ProviderWebhookPayload["payload"]): unknown {
  if (payload.data && typeof payload.data === "object" && Object.keys(payload.data).length) {
    return payload.data
  }
  const raw = payload.rawData
  const text = typeof raw === "string" ? raw : raw ? Buffer.from(raw).toString("utf8") : ""
  try {
    return text ? JSON.parse(text) : null
  } catch {
    return null
  }
}

/**
 * Worldline signs nothing, so the body is a pointer (docs/gateways/worldline.md#notifications):
 * the URL's secret is checked first, then each order it names is read with our own token, and
 * what the reads say is reported. An order Worldline does not know changes nothing.
 */
export async function readNotification(input: {
  readOrder: (orderId: string) => Promise<WorldlineOrder>
  payload: ProviderWebhookPayload["payload"]
  notificationToken?: string
}): Promise<GatewayWebhookResult> {
  const { payload } = input
  if (!tokenMatches(payload.headers as Record<string, unknown>, input.notificationToken)) {
    throw new WebhookRejected("the notification URL's token is missing or wrong")
  }
  const ids = notificationOrderIds(bodyOf(payload))
  if (!ids.length) throw new WebhookRejected("the body names no Worldline order")

  const orders: WorldlineOrder[] = []
  for (const id of ids) {
    try {
      orders.push(await input.readOrder(id))
    } catch (error) {
      if (error instanceof GatewayError && error.kind === "not_found") continue
      throw error
    }
  }
  if (!orders.length) throw new WebhookRejected(`Worldline does not know order ${ids.join(", ")}`)

  const reports: RefundReport[] = orders
    .filter((o) => o.transactions.some(isRefundTransaction))
    .map((o) => refundReport(o))
  const acting = orders.find((o) => webhookAction(o) !== PaymentActions.NOT_SUPPORTED)
  if (!acting) return { result: { action: PaymentActions.NOT_SUPPORTED }, refunds: reports }
  const action = webhookAction(acting)
  const currency = acting.orderAmount.currency
  const minor =
    action === PaymentActions.SUCCESSFUL
      ? capturedMinor(acting)
      : authorizedMinor(acting) || minorOf(acting.orderAmount.amount, currency)
  return {
    result: {
      action,
      data: {
        session_id: sessionIdOfOrder(acting.orderId),
        amount: fromMinorUnits(minor, currency),
      },
    },
    refunds: reports,
  }
}
