import {
  RecordedRequest,
  ScriptedReply,
  ScriptedServer,
  startScriptedServer,
} from "../../../../integration-tests/test-support/scripted-server"
import { OpttyClient } from "../api/optty-client"

/**
 * Optty at the edge (token endpoint + order details) that counts and can revoke tokens: enough
 * to pin down the client's token handling over real HTTP.
 */
class TokenEdge {
  issued = 0
  valid = new Set<string>()
  rejectCredentials = false

  constructor(readonly server: ScriptedServer) {
    server.on("POST", "/auth/token", (request) => this.token(request))
    for (const session of ["payses_a", "payses_b", "payses_c"]) {
      server.on("POST", `/api/orders/${session}/details`, (request) => this.details(request))
    }
  }

  get seen() {
    return this.server.requests
  }

  private token(request: RecordedRequest): ScriptedReply {
    if (this.rejectCredentials || request.form().client_secret !== "client-secret-123") {
      return { status: 401, json: { statusCode: 401, message: "Unauthorized" } }
    }
    const token = `token-${++this.issued}`
    this.valid.add(token)
    return { json: { access_token: token, expires_in: 86400, token_type: "Bearer" } }
  }

  private details(request: RecordedRequest): ScriptedReply {
    const token = request.headers.authorization?.replace(/^Bearer /, "") ?? ""
    if (!this.valid.has(token)) {
      return { status: 401, json: { statusCode: 401, message: "Unauthorized" } }
    }
    return { json: { status: "SUCCESSFUL", orderAmount: "60.00", currency: "AUD", refunds: [] } }
  }
}

describe("Optty client tokens", () => {
  let server: ScriptedServer
  let edge: TokenEdge
  let now = 0
  let client: OpttyClient

  beforeAll(async () => {
    server = await startScriptedServer()
  })
  afterAll(() => server.close())
  beforeEach(() => {
    server.reset()
    edge = new TokenEdge(server)
    now = 1_000_000
    client = new OpttyClient({
      authUrl: `${server.url}auth/`,
      apiUrl: `${server.url}api/`,
      clientId: "client-1",
      clientSecret: "client-secret-123",
      merchantId: "merchant 1",
      timeoutMs: 2_000,
      now: () => now,
    })
  })
  afterEach(() => client.close())

  it("asks for one token by client credentials and reuses it, also for concurrent calls", async () => {
    await Promise.all([client.details("payses_a"), client.details("payses_b")])
    await client.details("payses_c")
    const tokenCalls = edge.seen.filter((r) => r.path.startsWith("/auth/"))
    expect(tokenCalls).toHaveLength(1)
    expect(tokenCalls[0].url).toBe("/auth/token?expires_in=1")
    expect(tokenCalls[0].form()).toEqual({
      client_id: "client-1",
      client_secret: "client-secret-123",
      grant_type: "client_credentials",
      scope: "api-user",
    })
    const apiCalls = edge.seen.filter((r) => r.path.startsWith("/api/"))
    expect(apiCalls.map((r) => r.headers.authorization)).toEqual(Array(3).fill("Bearer token-1"))
    expect(apiCalls[0].url).toBe("/api/orders/payses_a/details?merchantId=merchant%201")
  })

  it("fetches a new token shortly before the old one expires", async () => {
    await client.details("payses_a")
    now += 86_400_000 - 30_000 // 30 s before expiry
    await client.details("payses_a")
    expect(edge.issued).toBe(2)
  })

  it("refreshes once when Optty refuses a cached token, then carries on", async () => {
    await client.details("payses_a")
    edge.valid.clear() // Optty revoked every token
    await expect(client.details("payses_a")).resolves.toMatchObject({ status: "SUCCESSFUL" })
    expect(edge.issued).toBe(2)
    expect(
      edge.seen.filter((r) => r.path.startsWith("/api/")).map((r) => r.headers.authorization),
    ).toEqual(["Bearer token-1", "Bearer token-1", "Bearer token-2"])
  })

  it("gives up after one refresh, as a configuration error without secrets", async () => {
    await client.details("payses_a")
    edge.valid.clear()
    edge.rejectCredentials = true
    const error = await client.details("payses_a").catch((e: unknown) => e)
    expect(error).toMatchObject({ kind: "auth" })
    expect(String((error as Error).message)).toBe(
      "the client id or secret was refused (Unauthorized)",
    )
    expect(JSON.stringify(error)).not.toContain("client-secret-123")
    expect(String(error)).not.toContain("token-1")
  })
})
