/**
 * The few HTTP helpers every sandbox needs: body reading with a size cap, JSON and HTML answers,
 * and path-segment decoding. Plain node:http, so a sandbox has no server framework to mimic.
 */
import type { IncomingMessage, ServerResponse } from "node:http"

/** Far above any request our providers send; stops a runaway client from filling memory. */
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

export type ParsedJson = { ok: true; value: unknown } | { ok: false }

/** An empty body is "no body" (undefined), not an error. */
export function parseJson(text: string): ParsedJson {
  if (text.trim() === "") return { ok: true, value: undefined }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false }
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  sendText(res, status, JSON.stringify(body), headers)
}

/** Sends `text` labelled as JSON whatever it holds (the "malformed" fault sends broken JSON). */
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

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8" })
  res.end(html)
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
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
  const type = mediaType(contentType)
  return type === "application/json" || type.endsWith("+json")
}

export function isFormContentType(contentType: string | undefined): boolean {
  return mediaType(contentType) === "application/x-www-form-urlencoded"
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0].trim().toLowerCase()
}

/** "/api" and "/api/…", never "/apix": a prefix that ends on a segment boundary. */
export function isUnder(pathname: string, prefix: string): boolean {
  const base = prefix.replace(/\/+$/, "")
  return pathname === base || pathname.startsWith(`${base}/`)
}
