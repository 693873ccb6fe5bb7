/**
 * JSON numbers written with the currency's decimals (10.50, 1.250), as Worldline's examples show
 * them (docs/gateways/worldline.md#amounts). JSON.stringify prints 10.5, and Node 20 has no
 * JSON.rawJSON, so an amount is a DecimalNumber whose toJSON leaves a marker string, and the
 * marker is turned back into the bare number text after stringifying: in `wireText`, and in an
 * answer the kit sends (`writingDecimals` wraps the response).
 */
import type { OutgoingHttpHeaders, ServerResponse } from "node:http"

const MARK = "\u0000dec:"
/** the marker as JSON.stringify escapes it: "\u0000dec:10.50\u0000" */
const MARKED = /"\\u0000dec:(-?\d+(?:\.\d+)?)\\u0000"/g

export class DecimalNumber {
  constructor(readonly text: string) {}

  toJSON(): string {
    return `${MARK}${this.text}\u0000`
  }
}

export function unmark(json: string): string {
  return json.replace(MARKED, "$1")
}

/** The exact JSON text Worldline would send. */
export function wireText(value: unknown): string {
  return unmark(JSON.stringify(value))
}

/** The same value as a client parses it (amounts as plain numbers): what tests get in-process. */
export function plain<T>(value: unknown): T {
  return JSON.parse(wireText(value)) as T
}

/**
 * The response with its JSON text unmarked before it is written. The kit's sendText writes the
 * head (with content-length) then the text; the head is held until the text is known.
 */
export function writingDecimals(res: ServerResponse): ServerResponse {
  const writeHead = res.writeHead.bind(res) as (s: number, h: OutgoingHttpHeaders) => void
  const end = res.end.bind(res) as (chunk?: string) => void
  let head: { status: number; headers: OutgoingHttpHeaders } | null = null
  const holdHead = (status: number, headers?: OutgoingHttpHeaders) => {
    head = { status, headers: headers ?? {} }
    return res
  }
  const unmarkedEnd = (chunk?: unknown) => {
    const text = typeof chunk === "string" ? unmark(chunk) : undefined
    if (head) {
      const headers = { ...head.headers }
      if (text !== undefined) headers["content-length"] = Buffer.byteLength(text)
      writeHead(head.status, headers)
    }
    end(text)
    return res
  }
  res.writeHead = holdHead as unknown as ServerResponse["writeHead"]
  res.end = unmarkedEnd as unknown as ServerResponse["end"]
  return res
}
