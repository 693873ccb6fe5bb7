/**
 * Talking to a running store over HTTP the way the admin and a storefront do: JSON in and out,
 * staff authenticated by a token or a session cookie, storefronts by a publishable key. Errors
 * carry the route, the status and Medusa's message.
 */

/** How staff are authenticated: a JWT from POST /auth/user/emailpass, or a session cookie. */
export type AdminAuth = { token: string } | { cookie: string }

/** A running store and the staff member acting in it. */
export interface StoreConnection {
  /** e.g. http://localhost:9000 */
  backendUrl: string
  admin: AdminAuth
}

export class StoreHttpError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly data: any,
  ) {
    super(`${method} ${path} -> ${status}: ${data?.message ?? JSON.stringify(data)}`)
    this.name = "StoreHttpError"
  }
  /** the axios shape the test support helpers read (`error.response.status`) */
  get response() {
    return { status: this.status, data: this.data }
  }
}

export function adminHeaders(auth: AdminAuth): Record<string, string> {
  return "token" in auth ? { authorization: `Bearer ${auth.token}` } : { cookie: auth.cookie }
}

export function storeHeaders(publishableKey: string): Record<string, string> {
  return { "x-publishable-api-key": publishableKey }
}

/** How long a request waits for a server that refuses connections (medusa develop restarting). */
const RESTART_WAIT_MS = 60_000

export async function requestJson(
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<any> {
  const send = () =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        accept: "application/json",
        ...(options.body === undefined ? {} : { "content-type": "application/json" }),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
    })
  const deadline = Date.now() + RESTART_WAIT_MS
  let response: Response
  for (;;) {
    try {
      response = await send()
      break
    } catch (error) {
      // Sent again only when it cannot have been handled: the connection was refused, or it
      // only reads. A POST lost in flight is not repeated (it may have been done).
      const refused = (error as { cause?: { code?: string } }).cause?.code === "ECONNREFUSED"
      if (!(refused || method === "GET") || Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 1000))
    }
  }
  const text = await response.text()
  let data: any = text
  try {
    data = text ? JSON.parse(text) : null
  } catch {
    // not JSON: keep the text for the error
  }
  if (!response.ok) throw new StoreHttpError(method, path, response.status, data)
  return data
}

/** The admin API as the signed-in staff member: `admin.get("/admin/orders")`. */
export function adminApi(store: StoreConnection) {
  const headers = adminHeaders(store.admin)
  return {
    get: (path: string) => requestJson(store.backendUrl, "GET", path, { headers }),
    post: (path: string, body: unknown = {}) =>
      requestJson(store.backendUrl, "POST", path, { body, headers }),
    delete: (path: string) => requestJson(store.backendUrl, "DELETE", path, { headers }),
  }
}

export type AdminApi = ReturnType<typeof adminApi>

/**
 * An axios-like client (`api.post(path, body, { headers })` → `{ status, data }`, failures
 * throwing with `response`), so the checkout and return helpers of integration-tests/support
 * drive a running store exactly as they drive the test runner's app.
 */
export function axiosLike(baseUrl: string) {
  const call = async (method: string, path: string, body: unknown, config?: any) => ({
    status: 200,
    data: await requestJson(baseUrl, method, path, { body, headers: config?.headers }),
  })
  return {
    get: (path: string, config?: any) => call("GET", path, undefined, config),
    post: (path: string, body?: unknown, config?: any) => call("POST", path, body ?? {}, config),
    delete: (path: string, config?: any) => call("DELETE", path, undefined, config),
  }
}

/** Signs staff in with email and password; resolves to the token for `{ token }`. */
export async function adminLogin(
  backendUrl: string,
  email: string,
  password: string,
): Promise<string> {
  const { token } = await requestJson(backendUrl, "POST", "/auth/user/emailpass", {
    body: { email, password },
  })
  if (typeof token !== "string") throw new Error(`no token from POST /auth/user/emailpass`)
  return token
}

/** Polls until `check` gives a value; fails naming `what` after `timeoutMs`. */
export async function waitUntil<T>(
  what: string,
  check: () => Promise<T | null | undefined | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}
