import type { IncomingMessage, ServerResponse } from "node:http"
import { ControlError } from "../errors"
import type { FaultKind, SandboxControl } from "../sandbox-types"
import { decodeSegments, parseJson, readBody, sendJson } from "./http-utils"

export const CONTROL_PREFIX = "/_control/"

function record(body: unknown): Record<string, unknown> {
  if (body === undefined) return {}
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ControlError("The body must be a JSON object")
  }
  return body as Record<string, unknown>
}

function optionalNumber(value: unknown, field: string): number | undefined {
  if (value === undefined) return undefined
  if (typeof value !== "number") throw new ControlError(`${field} must be a number`)
  return value
}

/** Over HTTP a fault's path is a substring (`path`) or a regular expression source (`pathRegex`). */
function faultPath(body: Record<string, unknown>): string | RegExp {
  if (typeof body.pathRegex === "string") return new RegExp(body.pathRegex)
  if (typeof body.path === "string") return body.path
  throw new ControlError("path (substring) or pathRegex (regular expression source) is required")
}

async function route(
  control: SandboxControl,
  method: string,
  segments: string[],
  body: Record<string, unknown>,
): Promise<unknown> {
  const [first, id, second, refundId, third] = segments
  const key = `${method} ${segments.length} ${first}/${second ?? ""}/${third ?? ""}`
  switch (key) {
    case "GET 2 orders//":
      return control.order(id) ?? Promise.reject(new ControlError(`Unknown order ${id}`, 404))
    case "POST 3 orders/pay/":
      return control.pay(id, {
        gateway: body.gateway as string | undefined,
        status: body.status as "completed" | undefined,
      })
    case "POST 5 orders/refunds/complete":
      return control.completeRefund(id, refundId)
    case "POST 5 orders/refunds/fail":
      return control.failRefund(
        id,
        refundId,
        typeof body.reason === "string" ? body.reason : undefined,
      )
    case "POST 3 orders/dashboard-refund/":
      return control.dashboardRefund(id, {
        amount: body.amount as number,
        status: body.status as "reserved" | undefined,
      })
    case "POST 3 orders/notify/":
      return control.notify(id, {
        forgeSignature: body.forgeSignature === true,
        timestampOffsetSeconds: optionalNumber(
          body.timestampOffsetSeconds,
          "timestampOffsetSeconds",
        ),
        tamperBody: body.tamperBody === true,
      })
    case "POST 1 faults//":
      control.failNext({
        method: typeof body.method === "string" ? body.method : undefined,
        path: faultPath(body),
        kind: body.kind as FaultKind,
        times: optionalNumber(body.times, "times"),
        holdMs: optionalNumber(body.holdMs, "holdMs"),
        skip: optionalNumber(body.skip, "skip"),
      })
      return { ok: true }
    case "DELETE 1 faults//":
      control.clearFaults()
      return { ok: true }
    case "GET 1 clock//":
      return { now: control.now().toISOString() }
    case "POST 1 clock//":
      return {
        now: control
          .advanceClock(optionalNumber(body.advance_seconds, "advance_seconds") ?? 0)
          .toISOString(),
      }
    case "POST 1 auto-notify//":
      control.setAutoNotify(body.enabled as boolean)
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
 * MultiSafepay, so no api_key and no MultiSafepay envelope: results are returned as they are,
 * failures as { error } with 400/404.
 */
export async function handleControlRequest(
  control: SandboxControl,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  try {
    const parsed = parseJson(await readBody(req))
    if (!parsed.ok) throw new ControlError("The body is not valid JSON")
    const segments = decodeSegments(url.pathname.slice(CONTROL_PREFIX.length))
    const result = await route(control, req.method ?? "GET", segments, record(parsed.value))
    sendJson(res, 200, result)
  } catch (error) {
    if (error instanceof ControlError) {
      sendJson(res, error.httpStatus, { error: error.message })
    } else {
      sendJson(res, 500, { error: String(error) })
    }
  }
}
