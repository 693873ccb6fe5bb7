/**
 * The kit end to end, on a toy gateway: one counter endpoint whose rules count the requests
 * they processed, so each fault shows whether the gateway acted.
 */
import { z } from "zod"
import { controlRoute, orderLookupRoute } from "../control-router"
import type { FaultStatus } from "../faults"
import { serveGatewayRequest } from "../gateway-request"
import { kitControl } from "../kit-control"
import { SandboxKit } from "../sandbox-kit"
import { SandboxServer, startSandboxServer } from "../server"

const SECRET = "toy-secret-123"
let processed = 0
let server: SandboxServer
let kit: SandboxKit

async function startToy(): Promise<{ kit: SandboxKit; server: SandboxServer }> {
  const toyKit = new SandboxKit({
    name: "toy",
    secrets: [SECRET],
    base: { log: () => undefined },
    delivery: { retryDelaysMs: [], timeoutMs: 1_000 },
  })
  const control = { ...kitControl(toyKit), reset: () => toyKit.reset() }
  const toyServer = await startSandboxServer({
    kit: toyKit,
    control,
    controlRoutes: [
      orderLookupRoute("a toy order", (id) => (id === "o1" ? { id } : undefined)),
      controlRoute("POST", "echo/:word", "{ times }", z.object({ times: z.number() }), (p, b) => ({
        echo: p.word.repeat(b.times),
      })),
    ],
    mounts: () => [
      {
        prefix: "/api",
        handle: (req, res, url) =>
          serveGatewayRequest(toyKit, req, res, url, {
            answer: () => {
              processed += 1
              return { status: 200, body: { processed } }
            },
            errorAnswer: (status: FaultStatus) => ({ status, body: { toyError: status } }),
          }),
      },
      {
        // a gateway that writes its own JSON: the amount's text as a bare number
        prefix: "/exact",
        handle: (req, res, url) =>
          serveGatewayRequest(toyKit, req, res, url, {
            answer: () => ({ status: 201, body: { amount: "10.50" } }),
            errorAnswer: (status: FaultStatus) => ({ status, body: { toyError: status } }),
            jsonText: (body) => JSON.stringify(body).replace(/"amount":"([\d.]+)"/, '"amount":$1'),
          }),
      },
    ],
  })
  return { kit: toyKit, server: toyServer }
}

beforeAll(async () => {
  ;({ kit, server } = await startToy())
})
afterAll(() => server.close())
beforeEach(() => {
  kit.reset()
  processed = 0
})

const call = (path = "/api/count", init: RequestInit = {}) => fetch(`${server.origin}${path}`, init)
const control = async (method: string, path: string, body?: unknown) => {
  const response = await call(`/_control/${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as any }
}

describe("a gateway's own JSON writer", () => {
  it("writes the answer, and the malformed fault cuts that text in half", async () => {
    const answer = await call("/exact/amount")
    expect([answer.status, await answer.text()]).toEqual([201, '{"amount":10.50}'])
    kit.faults.add({ path: "/exact", kind: "malformed" })
    const cut = await call("/exact/amount")
    expect(await cut.text()).toBe('{"amount') // the first 8 of its 16 characters
  })
})

describe("faults on a gateway request", () => {
  it.each([
    ["http_500", 500],
    ["http_503", 503],
    ["http_429", 429],
    ["http_401", 401],
  ] as const)("%s answers the gateway's own %i error before processing", async (kind, status) => {
    kit.faults.add({ path: "/api", kind })
    const response = await call()
    expect(response.status).toBe(status)
    expect(await response.json()).toEqual({ toyError: status })
    expect(response.headers.get("retry-after")).toBe(kind === "http_429" ? "1" : null)
    expect(processed).toBe(0)
    expect(kit.requests.list().at(-1)).toMatchObject({
      fault: kind,
      processedStatus: null,
      responseStatus: status,
    })
  })

  it("timeout holds the socket and does not process; connection_reset drops it", async () => {
    kit.faults.add({ path: "/api", kind: "timeout", holdMs: 300 })
    await expect(call("/api/count", { signal: AbortSignal.timeout(100) })).rejects.toThrow()
    kit.faults.add({ path: "/api", kind: "connection_reset" })
    await expect(call()).rejects.toThrow(/fetch failed/)
    expect(processed).toBe(0)
  })

  it("lost_response with holdMs processes, then keeps the client waiting until it gives up", async () => {
    kit.faults.add({ path: "/api", kind: "lost_response", holdMs: 300 })
    await expect(call("/api/count", { signal: AbortSignal.timeout(100) })).rejects.toThrow()
    expect(processed).toBe(1)
    expect(kit.requests.list().at(-1)).toMatchObject({
      fault: "lost_response",
      processedStatus: 200,
      responseStatus: null,
    })
  })

  it("lost_response, error_after_processing and malformed process, then spoil the answer", async () => {
    kit.faults.add({ path: "/api", kind: "lost_response" })
    await expect(call()).rejects.toThrow(/fetch failed/)
    kit.faults.add({ path: "/api", kind: "error_after_processing" })
    const failed = await call()
    expect([failed.status, await failed.json()]).toEqual([500, { toyError: 500 }])
    kit.faults.add({ path: "/api", kind: "malformed" })
    const malformed = await call()
    expect(malformed.status).toBe(200)
    await expect(malformed.json()).rejects.toThrow()
    expect(processed).toBe(3)
    expect(kit.requests.list().map((r) => [r.fault, r.processedStatus, r.responseStatus])).toEqual([
      ["lost_response", 200, null],
      ["error_after_processing", 200, 500],
      ["malformed", 200, 200],
    ])
  })

  it("logs every request with secrets scrubbed from headers, query and body", async () => {
    await call(`/api/count?api_key=${SECRET}&page=1`, {
      method: "POST",
      headers: { authorization: `Bearer ${SECRET}`, "content-type": "application/json" },
      body: JSON.stringify({ note: `key ${SECRET}`, password: "p" }),
    })
    await call("/api/count", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `client_id=me&client_secret=${SECRET}`,
    })
    const [json, form] = kit.requests.list()
    expect(json).toMatchObject({
      path: "/api/count",
      query: { api_key: "[REDACTED]", page: "1" },
      headers: { authorization: "Bearer [REDACTED]" },
      body: { note: "key [REDACTED]", password: "[REDACTED]" },
    })
    expect(form.body).toEqual({ client_id: "me", client_secret: "[REDACTED]" })
    expect(JSON.stringify(kit.requests.list())).not.toContain(SECRET)
  })

  it("close() does not wait for a held socket", async () => {
    const other = await startToy()
    other.kit.faults.add({ path: "/api", kind: "timeout" })
    const pending = fetch(`${other.server.origin}/api/count`)
    pending.catch(() => undefined)
    await new Promise((resolve) => setTimeout(resolve, 50))
    const started = Date.now()
    await other.server.close()
    expect(Date.now() - started).toBeLessThan(2_000)
    await expect(pending).rejects.toThrow(/fetch failed/)
  })
})

describe("the /_control API", () => {
  it("GET /_control/ lists every endpoint, the kit's and the gateway's", async () => {
    const index = await control("GET", "")
    expect(index.status).toBe(200)
    expect(index.body.sandbox).toBe("toy")
    const listed = index.body.endpoints.map((e: any) => `${e.method} ${e.path}`)
    expect(listed).toEqual(
      expect.arrayContaining([
        "GET /_control/requests",
        "GET /_control/notifications",
        "POST /_control/settle-notifications",
        "POST /_control/auto-notify",
        "GET /_control/clock",
        "POST /_control/clock",
        "POST /_control/faults",
        "DELETE /_control/faults",
        "POST /_control/reset",
        "GET /_control/orders/:id",
        "POST /_control/echo/:word",
      ]),
    )
    expect(index.body.endpoints.every((e: any) => e.summary.length > 0)).toBe(true)
  })

  it("GET /_control/ from a browser is a page with a form per endpoint, the same list", async () => {
    const page = await fetch(`${server.origin}/_control/`, {
      headers: { accept: "text/html,application/xhtml+xml,*/*;q=0.8" },
    })
    expect(page.status).toBe(200)
    expect(page.headers.get("content-type")).toMatch(/^text\/html/)
    const html = await page.text()
    expect(html).toContain("<title>toy sandbox: control</title>")
    const forms = [...html.matchAll(/<form data-method="(\w+)" data-path="([^"]+)">/g)]
    const index = await control("GET", "")
    expect(forms.map(([, method, path]) => `${method} ${path}`)).toEqual(
      index.body.endpoints.map((e: any) => `${e.method} ${e.path}`),
    )
    // a placeholder becomes a field; a GET takes no body, a POST does
    const formOf = (path: string) =>
      html.split("<form ").find((part) => part.includes(`data-path="/_control/${path}"`))!
    expect(formOf("echo/:word")).toContain('data-param="word"')
    expect(formOf("echo/:word")).toContain("<textarea")
    expect(formOf("requests")).not.toContain("<textarea")
  })

  it("arms faults over HTTP by path or pathRegex, and clears them", async () => {
    expect((await control("POST", "faults", { path: "/api", kind: "http_500" })).body).toEqual({
      ok: true,
    })
    expect((await call()).status).toBe(500)
    await control("POST", "faults", { pathRegex: "count$", kind: "http_503", times: 5 })
    expect((await call()).status).toBe(503)
    expect((await control("DELETE", "faults")).status).toBe(200)
    expect((await call()).status).toBe(200)
  })

  it("refuses bad bodies with 400 and the reason", async () => {
    const noPath = await control("POST", "faults", { kind: "http_500" })
    expect(noPath.status).toBe(400)
    expect(noPath.body.error).toMatch(/path .* or pathRegex/)
    const badKind = await control("POST", "faults", { path: "/api", kind: "status_500" })
    expect(badKind.body.error).toMatch(/kind: must be one of http_500/)
    expect((await control("POST", "auto-notify", { enabled: "yes" })).status).toBe(400)
    expect((await control("POST", "echo/ab", { times: "2" })).status).toBe(400)
    const notJson = await call("/_control/reset", { method: "POST", body: "{" })
    expect(notJson.status).toBe(400)
    const array = await control("POST", "reset", [1])
    expect(array.body.error).toBe("The body must be a JSON object")
  })

  it("moves the clock in milliseconds, toggles auto-notify, settles and resets", async () => {
    const before = new Date((await control("GET", "clock")).body.now).getTime()
    const after = new Date((await control("POST", "clock", { advanceMs: 90_000 })).body.now)
    expect(after.getTime() - before).toBeGreaterThanOrEqual(90_000)
    expect((await control("POST", "clock", { advanceMs: -1 })).status).toBe(400)
    expect((await control("POST", "auto-notify", { enabled: false })).body).toEqual({
      autoNotify: false,
    })
    expect(kit.autoNotify).toBe(false)
    expect((await control("POST", "settle-notifications")).body).toEqual({ ok: true })
    await call()
    expect((await control("GET", "requests")).body).toHaveLength(1)
    expect((await control("POST", "reset")).body).toEqual({ ok: true })
    expect((await control("GET", "requests")).body).toEqual([])
    expect(kit.autoNotify).toBe(true)
  })

  it("runs the gateway's routes with their params, and 404s the unknown", async () => {
    expect((await control("POST", "echo/ab", { times: 2 })).body).toEqual({ echo: "abab" })
    expect((await control("GET", "orders/o1")).body).toEqual({ id: "o1" })
    expect((await control("GET", "orders/o2")).status).toBe(404)
    const unknown = await control("POST", "explode")
    expect(unknown.status).toBe(404)
    expect(unknown.body.error).toContain("GET /_control/ lists them")
    expect((await call("/elsewhere")).status).toBe(404)
  })
})
