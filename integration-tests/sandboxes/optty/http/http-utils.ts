import type { IncomingMessage, ServerResponse } from "node:http"

const MAX_BODY_BYTES = 1024 * 1024

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const buffer = chunk as Buffer
    size += buffer.length
    if (size > MAX_BODY_BYTES) throw new Error("request body too large")
    chunks.push(buffer)
  }
  return Buffer.concat(chunks).toString("utf8")
}

export function jsonText(body: unknown): string {
  return JSON.stringify(body)
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  sendText(res, status, jsonText(body), headers)
}

/** Sends `text` as JSON content whatever it holds (the "malformed" fault sends broken JSON). */
export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...headers,
  })
  res.end(text)
}

/** Path segments, percent-decoded; null when a segment is not valid percent-encoding. */
export function decodeSegments(pathname: string): string[] | null {
  try {
    return pathname
      .split("/")
      .filter((segment) => segment !== "")
      .map((segment) => decodeURIComponent(segment))
  } catch {
    return null
  }
}

export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name]
  return Array.isArray(value) ? value.join(", ") : value
}

export function isJsonContentType(contentType: string | undefined): boolean {
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase()
  return type === "application/json" || type.endsWith("+json")
}
