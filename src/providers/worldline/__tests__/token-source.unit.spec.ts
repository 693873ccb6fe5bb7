import { constants, createPublicKey, verify } from "node:crypto"
import {
  RecordedRequest,
  ScriptedReply,
  ScriptedServer,
  startScriptedServer,
} from "../../../../integration-tests/test-support/scripted-server"
import {
  assertionClaims,
  orderScope,
  signAssertion,
  SigningAlgorithm,
  WorldlineTokenSource,
} from "../api/token-source"
import { WorldlineClient } from "../api/worldline-client"
import { createPrivateKey } from "node:crypto"
import {
  MID,
  PRIVATE_KEY_1,
  PRIVATE_KEY_2,
  PUBLIC_KEY_1,
  PUBLIC_KEY_2,
  rawOrder,
  tx,
} from "../__fixtures__/orders"

function decode(jwt: string) {
  const [h, c, s] = jwt.split(".")
  return {
    header: JSON.parse(Buffer.from(h, "base64url").toString()),
    claims: JSON.parse(Buffer.from(c, "base64url").toString()),
    input: `${h}.${c}`,
    signature: Buffer.from(s, "base64url"),
  }
}

function verifies(jwt: string, publicPem: string, algorithm: SigningAlgorithm): boolean {
  const { input, signature } = decode(jwt)
  const key = createPublicKey(publicPem)
  return algorithm === "PS256"
    ? verify(
        "sha256",
        Buffer.from(input),
        {
          key,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: 32,
        },
        signature,
      )
    : verify("sha256", Buffer.from(input), { key, padding: constants.RSA_PKCS1_PADDING }, signature)
}

describe("Worldline assertions", () => {
  it("writes one scope per method and path, with /v2 and the {orderId} placeholder", () => {
    expect(orderScope("POST", MID, "/refunds")).toBe(
      "OrderProcessingService:POST:/v2/merchants/1570616552/orders/{orderId}/refunds",
    )
    expect(orderScope("GET", MID, "")).toBe(
      "OrderProcessingService:GET:/v2/merchants/1570616552/orders/{orderId}",
    )
    expect(orderScope("POST", MID, "/captures")).toMatch(/\/captures$/)
    expect(orderScope("POST", MID, "/cancels")).toMatch(/\/cancels$/)
  })

  it.each<SigningAlgorithm>(["PS256", "RS256"])(
    "signs %s assertions that verify with the public key, with Worldline's claims",
    (algorithm) => {
      const claims = assertionClaims({
        applicationId: "application-1",
        merchantId: MID,
        scope: orderScope("GET", MID, ""),
        nowMs: 1_800_000_000_500,
      })
      const jwt = signAssertion(
        claims,
        { key: createPrivateKey(PRIVATE_KEY_1), kid: "k1" },
        algorithm,
      )
      const { header, claims: read } = decode(jwt)
      expect(header).toEqual({ alg: algorithm, typ: "JWT", kid: "k1" })
      expect(read).toEqual({
        aud: "drwp",
        iss: `application-1@${MID}`,
        scope: "OrderProcessingService:GET:/v2/merchants/1570616552/orders/{orderId}",
        iat: 1_800_000_000,
        exp: 1_800_000_060,
        jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
      })
      expect(verifies(jwt, PUBLIC_KEY_1, algorithm)).toBe(true)
      expect(verifies(jwt, PUBLIC_KEY_2, algorithm)).toBe(false)
      // PS256 and RS256 are not interchangeable
      expect(verifies(jwt, PUBLIC_KEY_1, algorithm === "PS256" ? "RS256" : "PS256")).toBe(false)
    },
  )

  it("gives every assertion its own jti", () => {
    const a = assertionClaims({ applicationId: "a", merchantId: MID, scope: "s", nowMs: 0 })
    const b = assertionClaims({ applicationId: "a", merchantId: MID, scope: "s", nowMs: 0 })
    expect(a.jti).not.toBe(b.jti)
  })
})

/** Worldline's token endpoint at the edge: verifies assertions against registered keys. */
class TokenEdge {
  issued = 0
  registered = [PUBLIC_KEY_1]
  expiresIn = 300
  delayMs = 0
  constructor(readonly server: ScriptedServer) {
    server.on("POST", "/api/v2/oauth2/tokens", (r) => this.token(r))
  }
  get tokenRequests() {
    return this.server.requestsTo("POST", "/api/v2/oauth2/tokens")
  }
  private token(request: RecordedRequest): ScriptedReply {
    const form = request.form()
    if (form.grant_type !== "urn:ietf:params:oauth:grant-type:jwt-bearer") {
      return { status: 400, json: { error: "unsupported_grant_type" } }
    }
    if (!this.registered.some((key) => verifies(form.assertion, key, "PS256"))) {
      return { status: 401, json: { error: "invalid_grant", error_description: "bad signature" } }
    }
    const { claims } = decode(form.assertion)
    return {
      delayMs: this.delayMs,
      json: {
        access_token: `tok-${++this.issued}-${claims.scope.split(":")[1]}`,
        token_type: "Bearer",
        expires_in: this.expiresIn,
      },
    }
  }
}

describe("Worldline tokens", () => {
  let server: ScriptedServer
  let edge: TokenEdge
  let now: number
  const sources: Array<{ close(): Promise<void> }> = []

  beforeAll(async () => {
    server = await startScriptedServer()
  })
  afterAll(() => server.close())
  beforeEach(() => {
    server.reset()
    edge = new TokenEdge(server)
    now = 1_800_000_000_000
  })
  afterEach(async () => {
    await Promise.all(sources.splice(0).map((s) => s.close()))
  })

  const source = (keys = [{ pem: PRIVATE_KEY_1 }]) => {
    const created = new WorldlineTokenSource({
      baseUrl: server.url,
      apiPathPrefix: "/api/v2",
      merchantId: MID,
      applicationId: "application-1",
      keys,
      algorithm: "PS256",
      timeoutMs: 2_000,
      now: () => now,
    })
    sources.push(created)
    return created
  }
  const READ = orderScope("GET", MID, "")
  const REFUND = orderScope("POST", MID, "/refunds")

  it("caches one token per scope, fetched once for concurrent callers", async () => {
    edge.delayMs = 50
    const tokens = source()
    const [a, b, c] = await Promise.all([
      tokens.token(READ),
      tokens.token(READ),
      tokens.token(REFUND),
    ])
    expect(a).toBe(b)
    expect(c).not.toBe(a)
    expect(edge.tokenRequests).toHaveLength(2)
    expect(await tokens.token(READ)).toBe(a)
    expect(edge.tokenRequests).toHaveLength(2)
    const scopes = edge.tokenRequests.map((r) => decode(r.form().assertion).claims.scope).sort()
    expect(scopes).toEqual([READ, REFUND].sort())
  })

  it("refreshes 30 s before expiry, or at half the life of a short token", async () => {
    const tokens = source()
    const first = await tokens.token(READ)
    now += 269_000
    expect(await tokens.token(READ)).toBe(first)
    now += 1_000
    const second = await tokens.token(READ)
    expect(second).not.toBe(first)

    edge.expiresIn = 40
    now += 1_000_000
    const short = await tokens.token(REFUND)
    now += 19_000
    expect(await tokens.token(REFUND)).toBe(short)
    now += 1_000
    expect(await tokens.token(REFUND)).not.toBe(short)
  })

  it("drops a refused token of one scope only", async () => {
    const tokens = source()
    const read = await tokens.token(READ)
    const refund = await tokens.token(REFUND)
    tokens.invalidate(READ, "some-older-token")
    expect(await tokens.token(READ)).toBe(read)
    tokens.invalidate(READ, read)
    expect(await tokens.token(READ)).not.toBe(read)
    expect(await tokens.token(REFUND)).toBe(refund)
  })

  it("signs with the secondary key when the primary is refused, and keeps it", async () => {
    edge.registered = [PUBLIC_KEY_2]
    const tokens = source([{ pem: PRIVATE_KEY_1 }, { pem: PRIVATE_KEY_2 }])
    await tokens.token(READ)
    expect(tokens.activeKey).toBe(1)
    await tokens.token(REFUND)
    const verdicts = edge.tokenRequests.map((r) =>
      verifies(r.form().assertion, PUBLIC_KEY_2, "PS256"),
    )
    // primary refused, secondary took; the next scope went straight to the secondary
    expect(verdicts).toEqual([false, true, true])
  })

  it("fails as a credentials problem when every key is refused, without the key in the error", async () => {
    edge.registered = []
    const tokens = source([{ pem: PRIVATE_KEY_1 }, { pem: PRIVATE_KEY_2 }])
    const error = (await tokens.token(READ).catch((e: unknown) => e)) as Error & { kind: string }
    expect(error.kind).toBe("auth")
    expect(error.message).toMatch(/token assertion was refused \(invalid_grant: bad signature\)/)
    expect(error.message).not.toMatch(/PRIVATE KEY/)
  })

  it("repeats an API call once with a new token after a 401", async () => {
    const client = new WorldlineClient({
      baseUrl: server.url,
      apiPathPrefix: "/api/v2",
      merchantId: MID,
      applicationId: "application-1",
      keys: [{ pem: PRIVATE_KEY_1 }],
      algorithm: "PS256",
      timeoutMs: 2_000,
      now: () => now,
    })
    sources.push(client)
    const path = `/api/v2/merchants/${MID}/orders/payses_a%2Fb`
    server.on(
      "GET",
      path,
      { status: 401, json: { error: "invalid_token", error_description: "expired" } },
      { json: rawOrder([tx("7000001", "Authorization", "Processed", 61.05)]) },
    )
    const order = await client.readOrder("payses_a/b")
    expect(order.orderState).toBe("Paid")
    const calls = server.requestsTo("GET", path)
    expect(calls.map((c) => c.headers.authorization)).toEqual([
      "Bearer tok-1-GET",
      "Bearer tok-2-GET",
    ])
  })
})
