/**
 * The request log behind control.requests(). It must never hold a credential: the
 * authorization header keeps only its scheme, client_secret form fields and query values are
 * replaced, and any string containing a configured secret has it cut out wherever it appears
 * (even in a body the merchant should not have put it in).
 */
import type { IncomingMessage } from "node:http"
import type { RecordedRequest } from "../sandbox-types"
import type { SandboxState } from "../state/sandbox-state"

export const REDACTED = "[REDACTED]"

const SECRET_FIELDS: ReadonlySet<string> = new Set(["client_secret", "access_token"])

function redactAuthorization(value: string): string {
  const space = value.indexOf(" ")
  return space > 0 ? `${value.slice(0, space)} ${REDACTED}` : REDACTED
}

function redactFields(fields: Record<string, string>): Record<string, string> {
  const redacted: Record<string, string> = {}
  for (const [name, value] of Object.entries(fields)) {
    redacted[name] = SECRET_FIELDS.has(name) ? REDACTED : value
  }
  return redacted
}

function parseBody(isAuth: boolean, rawBody: string): unknown {
  if (rawBody === "") return undefined
  if (isAuth) return redactFields(Object.fromEntries(new URLSearchParams(rawBody)))
  try {
    return JSON.parse(rawBody) as unknown
  } catch {
    return rawBody
  }
}

/** Deep copy with every occurrence of a secret (in keys and strings) replaced. */
export function scrubSecrets(value: unknown, secrets: readonly string[]): unknown {
  const scrubText = (text: string) =>
    secrets.reduce((out, secret) => (secret === "" ? out : out.split(secret).join(REDACTED)), text)
  if (typeof value === "string") return scrubText(value)
  if (Array.isArray(value)) return value.map((item) => scrubSecrets(item, secrets))
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [scrubText(key), scrubSecrets(item, secrets)]),
    )
  }
  return value
}

export function recordRequest(
  state: SandboxState,
  req: IncomingMessage,
  url: URL,
  rawBody: string,
  isAuth: boolean,
): RecordedRequest {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    const text = Array.isArray(value) ? value.join(", ") : value
    headers[name] = name === "authorization" ? redactAuthorization(text) : text
  }
  const record: RecordedRequest = {
    at: state.nowIso(),
    method: req.method ?? "GET",
    path: url.pathname,
    query: redactFields(Object.fromEntries(url.searchParams)),
    headers,
    body: parseBody(isAuth, rawBody),
    fault: null,
    processedStatus: null,
    responseStatus: null,
  }
  return scrubSecrets(record, state.secrets()) as RecordedRequest
}
