/**
 * What a sandbox received, in order, for tests and the dev store (`GET /_control/requests`).
 * Every record goes through the secret scrubber before it is kept, so nothing read from the
 * log (or printed from it by a failing test) can leak a credential.
 */
import type { IncomingMessage } from "node:http"
import type { SandboxClock } from "./clock"
import type { FaultKind } from "./faults"
import { headerValue, isFormContentType, parseJson } from "./http"
import type { SecretScrubber } from "./secret-scrubber"

export interface RecordedRequest {
  at: string
  method: string
  /** the path without the query, e.g. /api/orders/o1/refund */
  path: string
  query: Record<string, string>
  /** lower-cased names, scrubbed */
  headers: Record<string, string>
  /** parsed JSON; the form fields of a form body; the text when neither; undefined when empty */
  body: unknown
  /** the body as received, scrubbed (a form body is re-encoded from its scrubbed fields) */
  rawBody: string
  /** the fault applied to this request, if any */
  fault: FaultKind | null
  /** the status the gateway's rules produced; null when the request was not processed */
  processedStatus: number | null
  /** the status actually answered; null when no answer was sent */
  responseStatus: number | null
}

function parsedBody(contentType: string | undefined, rawBody: string): unknown {
  if (rawBody === "") return undefined
  if (isFormContentType(contentType)) return Object.fromEntries(new URLSearchParams(rawBody))
  const json = parseJson(rawBody)
  return json.ok ? json.value : rawBody
}

export class RequestLog {
  private records: RecordedRequest[] = []

  constructor(
    private readonly clock: SandboxClock,
    private readonly scrubber: SecretScrubber,
  ) {}

  /** Records the request; the caller fills in fault and statuses on the returned record. */
  record(req: IncomingMessage, url: URL, rawBody: string): RecordedRequest {
    const contentType = headerValue(req, "content-type")
    const body = this.scrubber.value(parsedBody(contentType, rawBody))
    const record: RecordedRequest = {
      at: this.clock.nowIso(),
      method: req.method ?? "GET",
      path: this.scrubber.text(url.pathname),
      query: this.scrubber.fields(Object.fromEntries(url.searchParams)),
      headers: this.scrubber.headers(req.headers),
      body,
      rawBody:
        isFormContentType(contentType) && rawBody !== ""
          ? new URLSearchParams(body as Record<string, string>).toString()
          : this.scrubber.text(rawBody),
      fault: null,
      processedStatus: null,
      responseStatus: null,
    }
    this.records.push(record)
    return record
  }

  list(): RecordedRequest[] {
    return structuredClone(this.records)
  }

  clear(): void {
    this.records = []
  }
}
