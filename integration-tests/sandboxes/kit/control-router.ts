/**
 * /_control: the control operations over HTTP as plain JSON, for the dev store and scripts.
 * Not part of any gateway: no credentials, no gateway error shape. Results are answered as
 * they are; misuse as { error } with 400 (bad body or state) or 404 (unknown endpoint or
 * object). The kit's endpoints are the same in every sandbox; each gateway adds its own.
 * `GET /_control/` lists them all: as JSON, or as a page of forms for a browser (control-page.ts).
 */
import type { IncomingMessage, ServerResponse } from "node:http"
import { z } from "zod"
import { ControlError } from "./control-error"
import { FAULT_KINDS, FaultKind } from "./faults"
import { controlPage } from "./control-page"
import { decodeSegments, headerValue, parseJson, readBody, sendHtml, sendJson } from "./http"
import type { KitControl } from "./kit-control"

export const CONTROL_PREFIX = "/_control"

type Params = Record<string, string>

export interface ControlRoute {
  method: "GET" | "POST" | "DELETE"
  /** below /_control, with :name placeholders, e.g. "orders/:id/pay" */
  path: string
  /** one line for the index */
  summary: string
  run(params: Params, body: unknown): unknown
}

/** A route whose body is checked by `schema` first (an empty body is {}). */
export function controlRoute<S extends z.ZodType>(
  method: ControlRoute["method"],
  path: string,
  summary: string,
  schema: S,
  run: (params: Params, body: z.infer<S>) => unknown,
): ControlRoute {
  return {
    method,
    path,
    summary,
    run(params, body) {
      const parsed = schema.safeParse(body ?? {})
      if (!parsed.success) {
        const issues = parsed.error.issues.map(
          (issue) => `${issue.path.join(".") || "body"}: ${issue.message}`,
        )
        throw new ControlError(`Invalid body for ${method} /_control/${path}: ${issues.join("; ")}`)
      }
      return run(params, parsed.data)
    },
  }
}

const empty = z.object({})

const faultBody = z
  .object({
    method: z.string().optional(),
    /** whole path segments, see FaultSpec.path */
    path: z.string().optional(),
    /** a regular expression source, tested against the path with its query */
    pathRegex: z.string().optional(),
    kind: z.string().refine((kind) => FAULT_KINDS.includes(kind as FaultKind), {
      message: `must be one of ${FAULT_KINDS.join(", ")}`,
    }),
    times: z.number().optional(),
    skip: z.number().optional(),
    holdMs: z.number().optional(),
  })
  .refine((body) => body.path !== undefined || body.pathRegex !== undefined, {
    message: "path (whole segments) or pathRegex (regular expression source) is required",
  })

/**
 * GET /_control/orders/:id: the gateway's stored order, or 404. Every gateway has orders; what
 * one looks like is the gateway's.
 */
export function orderLookupRoute(summary: string, find: (id: string) => unknown): ControlRoute {
  return controlRoute("GET", "orders/:id", summary, empty, ({ id }) => {
    const order = find(id)
    if (order === undefined) throw new ControlError(`Unknown order ${id}`, 404)
    return order
  })
}

/** The endpoints every sandbox has, calling the same in-process control tests use. */
export function kitRoutes(control: KitControl & { reset(): void }): ControlRoute[] {
  return [
    controlRoute("GET", "requests", "the request log, secrets scrubbed", empty, () =>
      control.requests(),
    ),
    controlRoute("GET", "notifications", "every notification sent, with its attempts", empty, () =>
      control.notifications(),
    ),
    controlRoute(
      "POST",
      "settle-notifications",
      "waits until every notification started has ended",
      empty,
      async () => {
        await control.settleNotifications()
        return { ok: true }
      },
    ),
    controlRoute(
      "POST",
      "auto-notify",
      "{ enabled }: automatic notifications on or off",
      z.object({ enabled: z.boolean() }),
      (_params, body) => {
        control.setAutoNotify(body.enabled)
        return { autoNotify: body.enabled }
      },
    ),
    controlRoute("GET", "clock", "{ now }: the sandbox time", empty, () => ({
      now: control.now().toISOString(),
    })),
    controlRoute(
      "POST",
      "clock",
      "{ advanceMs }: moves the sandbox clock forward",
      z.object({ advanceMs: z.number().default(0) }),
      (_params, body) => ({ now: control.advanceClock(body.advanceMs).toISOString() }),
    ),
    controlRoute(
      "POST",
      "faults",
      "{ kind, path | pathRegex, method?, times?, skip?, holdMs? }: arms a fault",
      faultBody,
      (_params, body) => {
        control.failNext({
          method: body.method,
          path: body.pathRegex !== undefined ? new RegExp(body.pathRegex) : (body.path ?? "/"),
          kind: body.kind as FaultKind,
          times: body.times,
          skip: body.skip,
          holdMs: body.holdMs,
        })
        return { ok: true }
      },
    ),
    controlRoute("DELETE", "faults", "disarms every fault", empty, () => {
      control.clearFaults()
      return { ok: true }
    }),
    controlRoute(
      "POST",
      "reset",
      "forgets everything; clock, faults and settings back",
      empty,
      () => {
        control.reset()
        return { ok: true }
      },
    ),
  ]
}

function matchPath(pattern: string, segments: string[]): Params | null {
  const parts = pattern.split("/").filter((part) => part !== "")
  if (parts.length !== segments.length) return null
  const params: Params = {}
  for (const [index, part] of parts.entries()) {
    if (part.startsWith(":")) params[part.slice(1)] = segments[index]
    else if (part !== segments[index]) return null
  }
  return params
}

export class ControlRouter {
  private readonly routes: ControlRoute[]

  constructor(
    readonly sandboxName: string,
    routes: ControlRoute[],
  ) {
    this.routes = routes
  }

  /** The answer to GET /_control/: what can be called, so nobody has to read the source. */
  index(): {
    sandbox: string
    endpoints: Array<{ method: string; path: string; summary: string }>
  } {
    return {
      sandbox: this.sandboxName,
      endpoints: this.routes.map((route) => ({
        method: route.method,
        path: `${CONTROL_PREFIX}/${route.path}`,
        summary: route.summary,
      })),
    }
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    try {
      const parsed = parseJson(await readBody(req))
      if (!parsed.ok) throw new ControlError("The body is not valid JSON")
      const body = parsed.value
      if (
        body !== undefined &&
        (typeof body !== "object" || body === null || Array.isArray(body))
      ) {
        throw new ControlError("The body must be a JSON object")
      }
      const segments = decodeSegments(url.pathname.slice(CONTROL_PREFIX.length))
      if (segments === null) throw new ControlError("The path is not valid percent-encoding")
      const method = req.method ?? "GET"
      if (segments.length === 0 && method === "GET") {
        // a person in a browser gets the page, scripts and tests the JSON
        const index = this.index()
        if (wantsHtml(req)) sendHtml(res, 200, controlPage(index.sandbox, index.endpoints))
        else sendJson(res, 200, index)
        return
      }
      for (const route of this.routes) {
        const params = route.method === method ? matchPath(route.path, segments) : null
        if (params) {
          sendJson(res, 200, await route.run(params, body))
          return
        }
      }
      throw new ControlError(
        `Unknown control endpoint ${method} ${CONTROL_PREFIX}/${segments.join("/")} (GET ${CONTROL_PREFIX}/ lists them)`,
        404,
      )
    } catch (error) {
      if (error instanceof ControlError) sendJson(res, error.httpStatus, { error: error.message })
      else sendJson(res, 500, { error: String(error) })
    }
  }
}

/** A browser asks for HTML first; fetch, curl and the tests do not. */
function wantsHtml(req: IncomingMessage): boolean {
  const accept = headerValue(req, "accept") ?? ""
  return /^\s*text\/html/i.test(accept)
}
