/**
 * Webhook events (docs/gateways/smartpay.md#webhooks): `{id, object: "event", createdAt, test,
 * eventData: {type, version, data}}`, signed, POSTed to the webhook endpoint and retried by the
 * kit's notifier while the receiver does not answer 2xx.
 */
import { newId } from "../state/ids"
import type { StoredOrder, StoredPayment, StoredRefund } from "../state/model"
import { renderOrder, renderPayment, renderRefund } from "../state/render"
import type { SandboxState } from "../state/sandbox-state"
import type { EventJson, EventType, NotificationRecord } from "../sandbox-types"
import { webhookSignature } from "./signature"

/** ours: the event schema version the sandbox writes */
export const EVENT_VERSION = "2022-02-18"

export type EventSubject =
  | { kind: "order"; order: StoredOrder }
  | { kind: "payment"; payment: StoredPayment }
  | { kind: "refund"; refund: StoredRefund }

/** Which object each event carries. */
export const EVENT_SUBJECT: Record<EventType, EventSubject["kind"]> = {
  "order.authorized": "order",
  "order.rejected": "order",
  "order.canceled": "order",
  "payment.created": "payment",
  "refund.created": "refund",
}

function dataOf(state: SandboxState, subject: EventSubject) {
  switch (subject.kind) {
    case "order":
      return renderOrder(state, subject.order)
    case "payment":
      return renderPayment(state, subject.payment)
    case "refund":
      return renderRefund(subject.refund)
  }
}

function idOf(subject: EventSubject): string {
  switch (subject.kind) {
    case "order":
      return subject.order.id
    case "payment":
      return subject.payment.id
    case "refund":
      return subject.refund.id
  }
}

export function sendEvent(
  state: SandboxState,
  type: EventType,
  subject: EventSubject,
  trigger: NotificationRecord["trigger"],
): Promise<NotificationRecord> {
  const event: EventJson = {
    id: newId("evt"),
    object: "event",
    test: true,
    createdAt: state.nowMs(),
    eventData: { type, version: EVENT_VERSION, data: dataOf(state, subject) },
  }
  const body = JSON.stringify(event)
  // ours: milliseconds of the real clock, so a receiver's tolerance check holds while tests
  // move the sandbox clock (docs/gateways/smartpay.md#webhook-signature)
  const timestamp = String(state.wallClockMs())
  const record: NotificationRecord = {
    eventId: event.id,
    eventType: type,
    objectId: idOf(subject),
    trigger,
    url: state.webhookUrl,
    method: "POST",
    body,
    attempts: [],
    outcome: "sending",
    at: state.kit.clock.nowIso(),
  }
  return state.kit.notifier.send(record, {
    headers: {
      "Smartpay-Signature": webhookSignature(state.config.signingSecret, timestamp, body),
      "Smartpay-Signature-Timestamp": timestamp,
      "Smartpay-Subscription-Id": state.config.subscriptionId,
      "Smartpay-Event-Id": event.id,
    },
    noUrl: `no ${type} webhook for ${idOf(subject)}: no webhook URL is set`,
  })
}

/** What happened: sent while autoNotify is on and a webhook URL is set. */
export function emit(state: SandboxState, type: EventType, subject: EventSubject): void {
  if (!state.kit.autoNotify || state.webhookUrl === null) return
  void sendEvent(state, type, subject, "auto")
}
