import type { IncomingMessage, ServerResponse } from "node:http"
import { ControlError } from "../errors"
import type { FaultKind, PaymentOutcome, SandboxControl } from "../sandbox-types"
import { decodeSegments, readBody, sendJson } from "./http-utils"

export const CONTROL_PREFIX = "/_control"

function objectBody(text: string): Record<string, unknown> {
  if (text.trim() === "") return {}
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new ControlError("The body is not valid JSON")
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ControlError("The body must be a JSON object")
  }
  return value as Record<string, unknown>
}

const optionalString = (value: unknown) => (typeof value === "string" ? value : undefined)

function optionalNumber(value: unknown, field: string): number | undefined {
  if (value === undefined) return undefined
  if (typeof value !== "number") throw new ControlError(`${field} must be a number`)
  return value
}

/** Field checks beyond these (status values, amounts) happen in the control object itself. */
async function route(
  control: SandboxControl,
  method: string,
  segments: string[],
  body: Record<string, unknown>,
): Promise<unknown> {
  const [first, reference, second, refundId, third] = segments
  const key = `${method} ${segments.length} ${first}/${second ?? ""}/${third ?? ""}`
  switch (key) {
    case "GET 2 orders//":
      return (
        control.order(reference) ??
        Promise.reject(new ControlError(`Unknown order ${reference}`, 404))
      )
    case "POST 3 orders/pay/":
      return control.pay(reference, {
        status: body.status as PaymentOutcome | undefined,
        providerReference: body.providerReference as string | undefined,
        surchargeAmount: body.surchargeAmount as string | undefined,
      })
    case "POST 5 orders/refunds/settle":
      return control.settleRefund(reference, refundId, {
        status: body.status as "SUCCESSFUL",
        reason: body.reason as string | undefined,
      })
    case "POST 3 orders/dashboard-refund/":
      return control.dashboardRefund(reference, {
        amount: body.amount as string,
        status: body.status as "SUCCESSFUL" | undefined,
      })
    case "POST 3 orders/notify/":
      return control.notify(reference, body.body)
    case "POST 1 auto-notify//":
      control.setAutoNotify(body.enabled as boolean)
      return { autoNotify: body.enabled }
    case "POST 1 refunds-start-as//":
      control.setRefundsStartAs(body.status as "SUCCESSFUL")
      return { refundsStartAs: body.status }
    case "POST 1 expire-tokens//":
      return { revoked: control.expireTokens() }
    case "GET 1 clock//":
      return { now: control.now().toISOString() }
    case "POST 1 clock//":
      return {
        now: control.advanceClock(optionalNumber(body.advanceMs, "advanceMs") ?? 0).toISOString(),
      }
    case "POST 1 faults//":
      control.failNext({
        method: optionalString(body.method),
        path: body.path as string,
        kind: body.kind as FaultKind,
        times: optionalNumber(body.times, "times"),
        holdMs: optionalNumber(body.holdMs, "holdMs"),
        skip: optionalNumber(body.skip, "skip"),
      })
      return { ok: true }
    case "DELETE 1 faults//":
      control.clearFaults()
      return { ok: true }
    case "GET 1 requests//":
      return control.requests()
    case "GET 1 notifications//":
      return control.notifications()
    case "POST 1 settle-notifications//":
      await control.settleNotifications()
      return { ok: true }
    case "POST 1 reset//":
      control.reset()
      return { ok: true }
  }
  throw new ControlError(`Unknown control endpoint ${method} /_control/${segments.join("/")}`, 404)
}

/**
 * /_control/*: the control operations as plain JSON for the dev store and scripts. Not part of
 * Optty: no token, no Optty error shape; results are answered as they are, failures as
 * { error } with 400/404.
 */
export async function handleControlRequest(
  control: SandboxControl,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  try {
    const body = objectBody(await readBody(req))
    const segments = decodeSegments(url.pathname.slice(CONTROL_PREFIX.length))
    if (segments === null) throw new ControlError("The path is not valid percent-encoding")
    sendJson(res, 200, await route(control, req.method ?? "GET", segments, body))
  } catch (error) {
    if (error instanceof ControlError) {
      sendJson(res, error.httpStatus, { error: error.message })
    } else {
      sendJson(res, 500, { error: String(error) })
    }
  }
}
