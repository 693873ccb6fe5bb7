import { Agent } from "node:http"
import { UNAVAILABLE_ERROR_CODE } from "../../../src/gateway-kit/gateway-error"
import type { FuzzRequest } from "./arbitraries"

/** An answer of one of our routes: status 0 when the connection ended without one. */
export interface Answer {
  status: number
  data: any
  headers: Record<string, string>
  error?: string
  /** how long it took */
  ms: number
}

/**
 * A connection per request: a kept-alive socket the server closes as idle while the client
 * reuses it ends in ECONNRESET on the client's side, which says nothing about the route.
 */
const agent = new Agent({ keepAlive: false })

/** Sends a request through the runner's axios client and never throws: every answer counts. */
export async function send(api: any, request: FuzzRequest, timeoutMs = 60_000): Promise<Answer> {
  const started = Date.now()
  try {
    // the body serialised here, whatever it is (a bare `true` too): what is sent is what was drawn
    const raw =
      request.rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body))
    const response = await api.request({
      method: request.method,
      url: request.url,
      data: raw,
      headers: {
        ...(raw !== undefined ? { "content-type": "application/json" } : {}),
        ...request.headers,
      },
      timeout: timeoutMs,
      httpAgent: agent,
      validateStatus: () => true,
      // sent byte for byte; axios would serialise a string again
      transformRequest: [(data: unknown) => data],
      // the answer as it came: some routes answer text
      transitional: { silentJSONParsing: true },
    })
    return {
      status: response.status,
      data: response.data,
      headers: response.headers ?? {},
      ms: Date.now() - started,
    }
  } catch (error) {
    const e = error as { code?: string; message?: string }
    return {
      status: 0,
      data: null,
      headers: {},
      error: `${e.code ?? ""} ${e.message ?? ""}`.trim(),
      ms: Date.now() - started,
    }
  }
}

/**
 * The 503 the plugin answers by design when the gateway is unavailable: nothing was done, try
 * again (`Retry-After`). Counted apart from the 5xx that mean a server error.
 */
export function isRetryLater(answer: Answer): boolean {
  return (
    answer.status === 503 &&
    answer.data?.code === UNAVAILABLE_ERROR_CODE &&
    answer.headers["retry-after"] !== undefined
  )
}

/** A server error, or no answer at all. */
export const isServerError = (answer: Answer) => answer.status === 0 || answer.status >= 500

/** `status` or `status code` for a note. */
export const describeAnswer = (answer: Answer) =>
  answer.status === 0
    ? `no answer after ${answer.ms} ms (${answer.error})`
    : `${answer.status}${answer.data?.code ? ` ${answer.data.code}` : ""}`

/** Runs `task` over `items`, at most `concurrency` at a time, in order of start. */
export async function pool<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await task(items[index], index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
  return results
}
