import { Agent, Dispatcher, errors as undiciErrors, request } from "undici"
import { z } from "zod"
import { GatewayError } from "./gateway-error"

export interface GatewayHttpClientOptions {
  /** the gateway's name, used in errors */
  gateway: string
  /** absolute base URL, with a trailing slash, e.g. `https://testapi.multisafepay.com/v1/json/` */
  baseUrl: string
  /** per request: connect + wait for headers + read body */
  timeoutMs: number
  /** headers sent with every request (credentials): never logged, never put in errors */
  headers: () => Record<string, string> | Promise<Record<string, string>>
  /**
   * Turns a non-2xx answer or a 2xx error envelope into a GatewayError, in the gateway's words.
   * Return null to accept the body.
   */
  readError: (status: number, body: unknown) => GatewayError | null
  /** how often a safe (GET) request is tried again after a transient failure */
  safeRetries?: number
}

export interface GatewayCall<T> {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE"
  /** relative to the base URL, no leading slash */
  path: string
  body?: unknown
  /** a form-encoded body (OAuth token endpoints) instead of JSON */
  form?: Record<string, string>
  /**
   * A JSON body already serialised, sent as it is (instead of `body`): for gateways whose amounts
   * are JSON number literals that must keep their exact decimal text (`10.50`, `1.250`), which
   * `JSON.stringify` of a Number cannot write.
   */
  jsonText?: string
  /**
   * A read that the gateway happens to expose as POST (e.g. Optty's order details): safe to
   * repeat after a transient failure, like a GET. Never set it on a call that moves money.
   */
  safeToRepeat?: boolean
  /** extra headers for this call, e.g. Idempotency-Key */
  headers?: Record<string, string>
  /** how the answer is checked: a zod schema for the whole parsed JSON body */
  schema: z.ZodType<T>
}

function encodeBody(call: GatewayCall<unknown>): { contentType: string; body: string } | null {
  if (call.form) {
    return {
      contentType: "application/x-www-form-urlencoded",
      body: new URLSearchParams(call.form).toString(),
    }
  }
  if (call.jsonText !== undefined) return { contentType: "application/json", body: call.jsonText }
  if (call.body === undefined) return null
  return { contentType: "application/json", body: JSON.stringify(call.body) }
}

/**
 * Failures before a connection to the gateway existed (no route, no name, refused, a TLS
 * handshake or certificate that failed): the request never left, so nothing can have been done.
 * A mistyped `apiUrl` fails at once as "unavailable" instead of leaving a refund in doubt.
 */
const NEVER_CONNECTED: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "ERR_SSL_WRONG_VERSION_NUMBER",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
])

const TRANSIENT: ReadonlySet<string> = new Set(["rate_limited", "unavailable", "ambiguous"])

/**
 * One keep-alive connection pool per gateway instance, strict timeouts, JSON in and out, and
 * every failure classified once (see GatewayFailureKind). Only GETs are retried here; whether a
 * money movement may be repeated is the provider's decision, made after asking the gateway.
 */
export class GatewayHttpClient {
  private readonly dispatcher: Dispatcher

  constructor(private readonly options: GatewayHttpClientOptions) {
    this.dispatcher = new Agent({
      keepAliveTimeout: 10_000,
      connections: 16,
      connectTimeout: options.timeoutMs,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    })
  }

  async call<T>(call: GatewayCall<T>): Promise<T> {
    const safe = call.method === "GET" || call.safeToRepeat === true
    const attempts = safe ? 1 + (this.options.safeRetries ?? 2) : 1
    let lastError: unknown
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        return await this.once(call)
      } catch (error) {
        lastError = error
        const transient = error instanceof GatewayError && TRANSIENT.has(error.kind)
        if (!transient || attempt === attempts) throw error
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt))
      }
    }
    throw lastError
  }

  async close(): Promise<void> {
    await this.dispatcher.close()
  }

  private async once<T>(call: GatewayCall<T>): Promise<T> {
    const { gateway } = this.options
    const url = new URL(call.path, this.options.baseUrl)
    const where = `${call.method} /${call.path.split("?")[0]}`
    let status: number
    let text: string
    // Prepared before anything is sent: a failure here is never a lost connection.
    const encoded = encodeBody(call)
    const credentials = await this.credentials(where)
    try {
      const response = await request(url, {
        method: call.method,
        dispatcher: this.dispatcher,
        headers: {
          accept: "application/json",
          ...(encoded ? { "content-type": encoded.contentType } : {}),
          ...credentials,
          ...call.headers,
        },
        body: encoded?.body,
      })
      status = response.statusCode
      text = await response.body.text()
    } catch (error) {
      throw this.transportError(error, where)
    }

    let body: unknown
    try {
      body = text.length ? JSON.parse(text) : null
    } catch {
      if (status >= 500) throw this.serverError(status, where)
      // An unreadable 2xx may hide a completed action: the caller must check before repeating.
      if (status < 400) {
        const message = `${where}: unreadable answer (HTTP ${status})`
        throw new GatewayError(gateway, "ambiguous", message, { http_status: status })
      }
      // A 4xx was refused before anything was done, whatever its body says (a proxy's HTML page,
      // a rate limiter's plain text): the gateway's reader and the status decide, with no body.
      body = null
    }

    const refused = this.options.readError(status, body)
    if (refused) throw refused
    if (status === 429) {
      throw new GatewayError(gateway, "rate_limited", `${where}: too many requests`, {
        http_status: 429,
      })
    }
    if (status >= 500) throw this.serverError(status, where)
    if (status >= 400) {
      throw new GatewayError(gateway, "rejected", `${where}: HTTP ${status}`, {
        http_status: status,
      })
    }
    const parsed = call.schema.safeParse(body)
    if (!parsed.success) {
      throw new GatewayError(
        gateway,
        "ambiguous",
        `${where}: unexpected answer: ${parsed.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join(".") || "body"} ${i.message}`)
          .join("; ")}`,
        { http_status: status },
      )
    }
    return parsed.data
  }

  /**
   * The credential headers. A definite refusal (e.g. a token endpoint refusing our secret) keeps
   * its kind; any other failure to get them is "unavailable": the request was never sent.
   */
  private async credentials(where: string): Promise<Record<string, string>> {
    try {
      return await this.options.headers()
    } catch (error) {
      if (error instanceof GatewayError && error.kind !== "ambiguous") throw error
      const detail = error instanceof Error ? error.message : String(error)
      throw new GatewayError(
        this.options.gateway,
        "unavailable",
        `${where}: not sent, no credentials (${detail})`,
      )
    }
  }

  private serverError(status: number, where: string) {
    return new GatewayError(
      this.options.gateway,
      "ambiguous",
      `${where}: server error HTTP ${status}`,
      {
        http_status: status,
      },
    )
  }

  private transportError(error: unknown, where: string): GatewayError {
    const { gateway } = this.options
    const code = (error as { code?: string })?.code
    if (
      (code !== undefined && NEVER_CONNECTED.has(code)) ||
      error instanceof undiciErrors.ConnectTimeoutError
    ) {
      return new GatewayError(
        gateway,
        "unavailable",
        `${where}: gateway unreachable (${code ?? "connect timeout"})`,
      )
    }
    if (
      error instanceof undiciErrors.HeadersTimeoutError ||
      error instanceof undiciErrors.BodyTimeoutError
    ) {
      return new GatewayError(gateway, "ambiguous", `${where}: no answer within the timeout`)
    }
    const message = error instanceof Error ? error.message : String(error)
    return new GatewayError(gateway, "ambiguous", `${where}: connection lost (${message})`)
  }
}
