import { createServer, IncomingMessage, Server, ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { OpttyClient } from "../api/optty-client"

/**
 * A minimal Optty at the edge (token endpoint + details) that counts and can revoke tokens:
 * enough to pin down the client's token handling over real HTTP.
 */
class TokenEdge {
  issued = 0
  valid = new Set<string>()
  seen: Array<{ path: string; authorization?: string; body: string }> = []
  rejectCredentials = false
  private server!: Server
  url = ""

  async start() {
    this.server = createServer((req, res) => this.handle(req, res))
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  stop() {
    this.server.closeAllConnections()
    return new Promise((resolve) => this.server.close(resolve))
  }

  private handle(req: IncomingMessage, res: ServerResponse) {
    let body = ""
    req.on("data", (chunk) => (body += chunk))
    req.on("end", () => {
      this.seen.push({ path: req.url ?? "", authorization: req.headers.authorization, body })
      const send = (status: number, json: unknown) => {
        res.writeHead(status, { "content-type": "application/json" })
        res.end(JSON.stringify(json))
      }
      if (req.url?.startsWith("/auth/token")) {
        const form = new URLSearchParams(body)
        if (this.rejectCredentials || form.get("client_secret") !== "client-secret-123") {
          return send(401, { statusCode: 401, message: "Unauthorized" })
        }
        const token = `token-${++this.issued}`
        this.valid.add(token)
        return send(200, { access_token: token, expires_in: 86400, token_type: "Bearer" })
      }
      const token = req.headers.authorization?.replace(/^Bearer /, "") ?? ""
      if (!this.valid.has(token)) return send(401, { statusCode: 401, message: "Unauthorized" })
      send(200, { status: "SUCCESSFUL", orderAmount: "60.00", currency: "AUD", refunds: [] })
    })
  }
}

describe("Optty client tokens", () => {
  const edge = new TokenEdge()
  let now = 0
  let client: OpttyClient

  beforeAll(() => edge.start())
  afterAll(() => edge.stop())
  beforeEach(() => {
    edge.issued = 0
    edge.valid.clear()
    edge.seen = []
    edge.rejectCredentials = false
    now = 1_000_000
    client = new OpttyClient({
      authUrl: `${edge.url}/auth/`,
      apiUrl: `${edge.url}/api/`,
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
    expect(tokenCalls[0].path).toBe("/auth/token?expires_in=1")
    expect(Object.fromEntries(new URLSearchParams(tokenCalls[0].body))).toEqual({
      client_id: "client-1",
      client_secret: "client-secret-123",
      grant_type: "client_credentials",
      scope: "api-user",
    })
    const apiCalls = edge.seen.filter((r) => r.path.startsWith("/api/"))
    expect(apiCalls.map((r) => r.authorization)).toEqual(Array(3).fill("Bearer token-1"))
    expect(apiCalls[0].path).toBe("/api/orders/payses_a/details?merchantId=merchant%201")
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
    expect(edge.seen.filter((r) => r.path.startsWith("/api/")).map((r) => r.authorization)).toEqual(
      ["Bearer token-1", "Bearer token-1", "Bearer token-2"],
    )
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
