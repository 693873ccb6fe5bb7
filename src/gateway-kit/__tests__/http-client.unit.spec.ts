import { z } from "zod"
import {
  refusedUrl,
  ScriptedServer,
  startScriptedServer,
  startSilentServer,
} from "../../../integration-tests/test-support/scripted-server"
import { failureKindOf, GatewayError, GatewayFailureKind } from "../gateway-error"
import { GatewayCall, GatewayHttpClient, GatewayHttpClientOptions } from "../http-client"

/**
 * The gateway kit's HTTP client over real HTTP, against a scripted gateway: how every answer and
 * every broken connection is classified, and which requests are tried again.
 */

const SECRET = "sk_test_acme_0123456789abcdef"
/** small, so timeouts are quick; the scripted delays beyond it are ten times longer */
const TIMEOUT_MS = 750
const LONG_DELAY_MS = 7_500

/** Acme's error envelope: `{ error: { code, message } }`, in Acme's words. */
function acmeError(status: number, body: unknown): GatewayError | null {
  const parsed = z
    .object({ error: z.object({ code: z.string(), message: z.string() }) })
    .safeParse(body)
  if (!parsed.success) return null
  const { code, message } = parsed.data.error
  const kind: GatewayFailureKind = failureKindOf(status, {
    notFound: code === "unknown_payment",
    auth: code === "bad_key",
  })
  return new GatewayError("Acme", kind, message, { http_status: status, code })
}

const payment = z.object({ id: z.string(), amount: z.number() })

let server: ScriptedServer
const clients: GatewayHttpClient[] = []

beforeAll(async () => {
  server = await startScriptedServer()
})
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()))
  server.reset()
})
afterAll(() => server.close())

function client(options: Partial<GatewayHttpClientOptions> = {}): GatewayHttpClient {
  const created = new GatewayHttpClient({
    gateway: "Acme",
    baseUrl: server.url,
    timeoutMs: TIMEOUT_MS,
    headers: () => ({ "x-api-key": SECRET }),
    readError: acmeError,
    ...options,
  })
  clients.push(created)
  return created
}

const getPayment = (extra: Partial<GatewayCall<unknown>> = {}): GatewayCall<unknown> => ({
  method: "GET",
  path: "payments/p1",
  schema: payment,
  ...extra,
})
const postRefund = (extra: Partial<GatewayCall<unknown>> = {}): GatewayCall<unknown> => ({
  method: "POST",
  path: "payments/p1/refunds",
  body: { amount: 500, reference: "ref_1" },
  schema: z.object({ refund_id: z.string() }),
  ...extra,
})

async function failure(run: Promise<unknown>): Promise<GatewayError> {
  const outcome = await run.then(
    () => null,
    (error: unknown) => error,
  )
  if (!(outcome instanceof GatewayError)) {
    throw new Error(`expected a GatewayError, got ${String(outcome)}`)
  }
  return outcome
}

describe("GatewayHttpClient: what is sent", () => {
  it("sends JSON with the credentials and call headers, and returns the schema's parse", async () => {
    server.on("POST", "/payments/p1/refunds", {
      status: 201,
      json: { refund_id: "rf_1", ignored: true },
    })
    const answer = await client().call(
      postRefund({
        headers: { "idempotency-key": "ref_1" },
        schema: z.object({ refund_id: z.string() }).transform((r) => r.refund_id),
      }),
    )
    expect(answer).toBe("rf_1")
    const [request] = server.requests
    expect(request).toMatchObject({ method: "POST", url: "/payments/p1/refunds" })
    expect(request.headers).toMatchObject({
      accept: "application/json",
      "content-type": "application/json",
      "x-api-key": SECRET,
      "idempotency-key": "ref_1",
    })
    expect(request.json()).toEqual({ amount: 500, reference: "ref_1" })
  })

  it("sends a form body form-encoded, and a GET with no body at all", async () => {
    server.on("POST", "/token", { json: { access_token: "t" } })
    server.on("GET", "/payments/p1", { json: { id: "p1", amount: 100 } })
    await client().call({
      method: "POST",
      path: "token?expires_in=1",
      form: { client_id: "c 1", grant_type: "client_credentials" },
      schema: z.unknown(),
    })
    await client().call(getPayment())
    const [token, read] = server.requests
    expect(token.url).toBe("/token?expires_in=1")
    expect(token.headers["content-type"]).toBe("application/x-www-form-urlencoded")
    expect(token.form()).toEqual({ client_id: "c 1", grant_type: "client_credentials" })
    expect(read.body).toBe("")
    expect(read.headers["content-type"]).toBeUndefined()
  })

  it("sends a pre-serialised JSON body (`jsonText`) byte for byte: amounts keep their decimals", async () => {
    server.on("POST", "/payments/p1/refunds", { json: { refund_id: "rf_1" } })
    const jsonText = '{"amount":{"amount":10.50,"currency":"EUR"},"other":1.250}'
    await client().call(postRefund({ body: undefined, jsonText }))
    const [request] = server.requests
    expect(request.body).toBe(jsonText)
    expect(request.headers["content-type"]).toBe("application/json")
  })

  it("reads the credentials for every request (they may rotate)", async () => {
    server.on("GET", "/payments/p1", { json: { id: "p1", amount: 100 } })
    let n = 0
    const rotating = client({ headers: async () => ({ "x-api-key": `key-${++n}` }) })
    await rotating.call(getPayment())
    await rotating.call(getPayment())
    expect(server.requests.map((r) => r.headers["x-api-key"])).toEqual(["key-1", "key-2"])
  })
})

describe("GatewayHttpClient: answers", () => {
  it("accepts an empty 2xx body as null, for the schema to judge", async () => {
    server.on("DELETE", "/payments/p1", { status: 204 })
    await expect(
      client().call({ method: "DELETE", path: "payments/p1", schema: z.null() }),
    ).resolves.toBeNull()
  })

  it.each([
    [400, "rejected"],
    [401, "rejected"],
    [404, "rejected"],
    [409, "rejected"],
    [422, "rejected"],
    [429, "rate_limited"],
    [500, "ambiguous"],
    [502, "ambiguous"],
    [503, "ambiguous"],
    [504, "ambiguous"],
  ] as const)(
    "HTTP %i without the gateway's envelope is %s, and names the call",
    async (status, kind) => {
      server.on("POST", "/payments/p1/refunds", { status, json: { detail: "nope" } })
      const error = await failure(client().call(postRefund()))
      expect(error).toMatchObject({ gateway: "Acme", kind, details: { http_status: status } })
      expect(error.message).toMatch(/^POST \/payments\/p1\/refunds: /)
      expect(error.ambiguous).toBe(kind === "ambiguous")
    },
  )

  it("429 is rate limited with or without Retry-After", async () => {
    server.on(
      "POST",
      "/payments/p1/refunds",
      { status: 429, json: {}, headers: { "retry-after": "30" } },
      { status: 429, json: {} },
    )
    const withHeader = await failure(client().call(postRefund()))
    const without = await failure(client().call(postRefund()))
    expect([withHeader.kind, without.kind]).toEqual(["rate_limited", "rate_limited"])
    expect(withHeader.message).toBe("POST /payments/p1/refunds: too many requests")
  })

  it("the gateway's own error wins over the status, in its words and with its code", async () => {
    const seen: Array<[number, unknown]> = []
    const reading = client({
      readError: (status, body) => {
        seen.push([status, body])
        return acmeError(status, body)
      },
    })
    server.on(
      "POST",
      "/payments/p1/refunds",
      { status: 404, json: { error: { code: "unknown_payment", message: "No payment p1" } } },
      { status: 409, json: { error: { code: "duplicate", message: "Reference ref_1 exists" } } },
      { status: 401, json: { error: { code: "bad_key", message: "Key refused" } } },
      { status: 503, json: { error: { code: "down", message: "Maintenance" } } },
    )
    const kinds = []
    for (let i = 0; i < 4; i++) kinds.push(await failure(reading.call(postRefund())))
    expect(kinds.map((e) => [e.kind, e.message, e.details])).toEqual([
      ["not_found", "No payment p1", { http_status: 404, code: "unknown_payment" }],
      ["rejected", "Reference ref_1 exists", { http_status: 409, code: "duplicate" }],
      ["auth", "Key refused", { http_status: 401, code: "bad_key" }],
      ["ambiguous", "Maintenance", { http_status: 503, code: "down" }],
    ])
    expect(seen[0]).toEqual([404, { error: { code: "unknown_payment", message: "No payment p1" } }])
  })

  it("an error envelope inside a 2xx is an error (gateways that answer errors with 200)", async () => {
    server.on("GET", "/payments/p1", {
      status: 200,
      json: { error: { code: "unknown_payment", message: "No payment p1" } },
    })
    const error = await failure(client().call(getPayment()))
    expect(error).toMatchObject({ kind: "not_found", message: "No payment p1" })
    expect(server.requests).toHaveLength(1) // not_found is not tried again
  })

  it("a 2xx that is not JSON is ambiguous: it may hide a completed action", async () => {
    server.on("POST", "/payments/p1/refunds", {
      status: 200,
      body: '{"refund_id": "rf_1", "sta',
      headers: { "content-type": "application/json" },
    })
    const error = await failure(client().call(postRefund()))
    expect(error).toMatchObject({ kind: "ambiguous", details: { http_status: 200 } })
    expect(error.message).toBe("POST /payments/p1/refunds: unreadable answer (HTTP 200)")
  })

  it("a 5xx that is not JSON (a proxy's HTML page) is a server error: ambiguous", async () => {
    server.on("POST", "/payments/p1/refunds", {
      status: 502,
      body: "<html><body>Bad Gateway</body></html>",
      headers: { "content-type": "text/html" },
    })
    const error = await failure(client().call(postRefund()))
    expect(error).toMatchObject({ kind: "ambiguous", details: { http_status: 502 } })
    expect(error.message).toBe("POST /payments/p1/refunds: server error HTTP 502")
  })

  it("a 429 that is not JSON (a rate limiter's plain text) is still rate limited: nothing was done", async () => {
    server.on("POST", "/payments/p1/refunds", {
      status: 429,
      body: "Too Many Requests",
      headers: { "content-type": "text/plain", "retry-after": "1" },
    })
    const error = await failure(client().call(postRefund()))
    expect(error).toMatchObject({ kind: "rate_limited", details: { http_status: 429 } })
  })

  it("a 4xx that is not JSON (an HTML error page) is a refusal, not an unknown outcome", async () => {
    server.on("POST", "/payments/p1/refunds", {
      status: 403,
      body: "<html><body>Forbidden</body></html>",
      headers: { "content-type": "text/html" },
    })
    const error = await failure(client().call(postRefund()))
    expect(error).toMatchObject({ kind: "rejected", details: { http_status: 403 } })
  })

  it("a 4xx that is not JSON still reaches the gateway's reader, which decides by status", async () => {
    const byStatus = client({
      readError: (status) =>
        status === 401 ? new GatewayError("Acme", "auth", "credentials refused") : null,
    })
    server.on("GET", "/payments/p1", { status: 401, body: "Unauthorized" })
    const error = await failure(byStatus.call(getPayment()))
    expect(error).toMatchObject({ kind: "auth", message: "credentials refused" })
  })

  it("a 2xx body the schema refuses is ambiguous and says what did not match", async () => {
    server.on("POST", "/payments/p1/refunds", { status: 201, json: { refund_id: 42 } })
    const error = await failure(client().call(postRefund()))
    expect(error).toMatchObject({ kind: "ambiguous", details: { http_status: 201 } })
    expect(error.message).toMatch(/^POST \/payments\/p1\/refunds: unexpected answer: refund_id /)
  })

  it("a body that is valid JSON but the wrong shape entirely names the body", async () => {
    server.on("GET", "/payments/p1", { json: [1, 2] })
    const error = await failure(client({ safeRetries: 0 }).call(getPayment()))
    expect(error.message).toMatch(/unexpected answer: body /)
  })
})

describe("GatewayHttpClient: failures before anything is sent", () => {
  it("credentials that cannot be read fail as they are, not as a lost connection", async () => {
    server.on("POST", "/payments/p1/refunds", { status: 201, json: { refund_id: "rf_1" } })
    const noCredentials = client({
      headers: async () => {
        throw new GatewayError("Acme", "auth", "the token was refused")
      },
    })
    const error = await failure(noCredentials.call(postRefund()))
    expect(error).toMatchObject({ kind: "auth", message: "the token was refused" })
    expect(server.requests).toEqual([])
  })

  it("credentials whose read failed in doubt (a token call timed out) make the call unavailable: nothing was sent", async () => {
    const noToken = client({
      headers: async () => {
        throw new GatewayError("Acme", "ambiguous", "POST /token: no answer within the timeout")
      },
    })
    const error = await failure(noToken.call(postRefund()))
    expect(error).toMatchObject({ kind: "unavailable" })
    expect(error.message).toBe(
      "POST /payments/p1/refunds: not sent, no credentials (POST /token: no answer within the timeout)",
    )
    expect(server.requests).toEqual([])
  })

  it("a body that cannot be encoded is a programming error, never an unknown outcome", async () => {
    server.on("POST", "/payments/p1/refunds", { status: 201, json: { refund_id: "rf_1" } })
    const error = await client()
      .call(postRefund({ body: { amount: BigInt(500) } }))
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TypeError)
    expect(server.requests).toEqual([])
  })
})

describe("GatewayHttpClient: broken connections", () => {
  it("a refused connection is unavailable: the request never left", async () => {
    const error = await failure(
      client({ baseUrl: await refusedUrl(), safeRetries: 0 }).call(postRefund()),
    )
    expect(error).toMatchObject({ kind: "unavailable" })
    expect(error.message).toBe("POST /payments/p1/refunds: gateway unreachable (ECONNREFUSED)")
  })

  it("a connect timeout (the TLS handshake never completes) is unavailable: nothing was sent", async () => {
    const silent = await startSilentServer()
    try {
      const error = await failure(client({ baseUrl: silent.url }).call(postRefund()))
      expect(error).toMatchObject({ kind: "unavailable" })
      expect(error.message).toMatch(/^POST \/payments\/p1\/refunds: gateway unreachable/)
    } finally {
      await silent.close()
    }
  })

  it("https to a server that speaks plain HTTP (a mistyped apiUrl) is unavailable: nothing was sent", async () => {
    const plain = new URL(server.url)
    const error = await failure(
      client({ baseUrl: `https://${plain.host}/`, safeRetries: 0 }).call(postRefund()),
    )
    expect(error).toMatchObject({ kind: "unavailable" })
    expect(error.message).toMatch(/gateway unreachable \(ERR_SSL_WRONG_VERSION_NUMBER\)$/)
    expect(server.requests).toEqual([])
  })

  it("no answer within the timeout after sending is ambiguous", async () => {
    server.on("POST", "/payments/p1/refunds", { delayMs: LONG_DELAY_MS, json: {} })
    const error = await failure(client().call(postRefund()))
    expect(error).toMatchObject({ kind: "ambiguous" })
    expect(error.message).toBe("POST /payments/p1/refunds: no answer within the timeout")
    expect(server.requestsTo("POST", "/payments/p1/refunds")[0].json()).toMatchObject({
      reference: "ref_1",
    })
  })

  it("a body that stops halfway is ambiguous (the gateway answered, we could not read it)", async () => {
    server.on("POST", "/payments/p1/refunds", { stallBody: true, json: { refund_id: "rf_1" } })
    const error = await failure(client().call(postRefund()))
    expect(error).toMatchObject({ kind: "ambiguous" })
    expect(error.message).toBe("POST /payments/p1/refunds: no answer within the timeout")
  })

  it.each(["before_body", "after_body"] as const)(
    "a connection dropped %s, after the request was sent, is ambiguous",
    async (drop) => {
      server.on("POST", "/payments/p1/refunds", { drop })
      const error = await failure(client().call(postRefund()))
      expect(error).toMatchObject({ kind: "ambiguous" })
      expect(error.message).toMatch(/^POST \/payments\/p1\/refunds: connection lost \(.+\)$/)
      expect(server.requests).toHaveLength(1)
    },
  )

  it("errors never carry the credentials or the query string", async () => {
    const query = "payments/p1?token=query-secret-987"
    server.on("GET", "/payments/p1", { drop: "after_body" })
    server.on("POST", "/payments/p1", { status: 503, body: "down" })
    const errors = [
      await failure(client({ safeRetries: 0 }).call(getPayment({ path: query }))),
      await failure(client().call(postRefund({ path: query }))),
      await failure(client({ baseUrl: await refusedUrl() }).call(postRefund({ path: query }))),
    ]
    expect(errors.map((e) => e.kind)).toEqual(["ambiguous", "ambiguous", "unavailable"])
    for (const error of errors) {
      const shown = `${error.message} ${String(error)} ${JSON.stringify(error)} ${error.stack}`
      expect(shown).toContain("/payments/p1")
      expect(shown).not.toContain(SECRET)
      expect(shown).not.toContain("query-secret-987")
    }
  })
})

describe("GatewayHttpClient: tries again", () => {
  it("a GET after 5xx, 429 and dropped connections, up to two more times, then succeeds", async () => {
    server.on(
      "GET",
      "/payments/p1",
      { status: 503, json: {} },
      { status: 429, json: {} },
      { json: { id: "p1", amount: 100 } },
    )
    await expect(client().call(getPayment())).resolves.toEqual({ id: "p1", amount: 100 })
    expect(server.requestsTo("GET", "/payments/p1")).toHaveLength(3)
  })

  it("a GET that keeps failing is tried three times in all, then the last failure is thrown", async () => {
    server.on("GET", "/payments/p1", { drop: "after_body" }, { delayMs: LONG_DELAY_MS })
    const error = await failure(client().call(getPayment()))
    expect(error).toMatchObject({ kind: "ambiguous" })
    expect(error.message).toBe("GET /payments/p1: no answer within the timeout")
    expect(server.requestsTo("GET", "/payments/p1")).toHaveLength(3)
  })

  it("`safeRetries` sets how often a GET is tried again (0: never)", async () => {
    server.on("GET", "/payments/p1", { status: 500, json: {} })
    await failure(client({ safeRetries: 0 }).call(getPayment()))
    expect(server.requests).toHaveLength(1)
    server.reset()
    server.on("GET", "/payments/p1", { status: 500, json: {} })
    await failure(client({ safeRetries: 1 }).call(getPayment()))
    expect(server.requests).toHaveLength(2)
  })

  it("a GET that fails definitely (refused, unknown, credentials) is not tried again", async () => {
    server.on(
      "GET",
      "/payments/p1",
      { status: 400, json: { error: { code: "invalid", message: "Bad id" } } },
      { status: 409, json: {} },
      { status: 404, json: { error: { code: "unknown_payment", message: "No payment" } } },
      { status: 401, json: { error: { code: "bad_key", message: "Key refused" } } },
    )
    const kinds = []
    for (let i = 0; i < 4; i++) kinds.push((await failure(client().call(getPayment()))).kind)
    expect(kinds).toEqual(["rejected", "rejected", "not_found", "auth"])
    expect(server.requests).toHaveLength(4)
  })

  it("a read exposed as POST (`safeToRepeat`) is tried again like a GET", async () => {
    server.on("POST", "/payments/p1/details", { status: 503, json: {} }, { json: { ok: true } })
    await expect(
      client().call({
        method: "POST",
        path: "payments/p1/details",
        body: {},
        safeToRepeat: true,
        schema: z.object({ ok: z.boolean() }),
      }),
    ).resolves.toEqual({ ok: true })
    expect(server.requests.map((r) => r.json())).toEqual([{}, {}])
  })

  it.each([
    ["HTTP 503", { status: 503, json: {} }],
    ["HTTP 429", { status: 429, json: {}, headers: { "retry-after": "0" } }],
    ["an unreadable 2xx", { body: "{" }],
    ["a connection dropped after the body", { drop: "after_body" as const }],
    ["a timeout", { delayMs: LONG_DELAY_MS }],
  ])("a POST is sent once, never again, after %s", async (_what, reply) => {
    server.on("POST", "/payments/p1/refunds", reply, { status: 201, json: { refund_id: "rf_2" } })
    await failure(client().call(postRefund()))
    expect(server.requestsTo("POST", "/payments/p1/refunds")).toHaveLength(1)
  })

  it.each(["PATCH", "PUT", "DELETE"] as const)(
    "a %s is sent once, never again, after a 503",
    async (method) => {
      server.on(
        method,
        "/payments/p1",
        { status: 503, json: {} },
        { json: { id: "p1", amount: 1 } },
      )
      const error = await failure(client().call({ ...getPayment(), method, body: { x: 1 } }))
      expect(error.kind).toBe("ambiguous")
      expect(server.requests).toHaveLength(1)
    },
  )
})
