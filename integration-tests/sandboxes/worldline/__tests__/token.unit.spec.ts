import { JWT_BEARER } from "../start-sandbox"
import { makeKeyPair } from "./support/jwt"
import {
  createOrder,
  ISS,
  MID,
  orderBody,
  scopeOfCall,
  startTestSandbox,
  useTestSandbox,
} from "./support/sandbox-client"

const t = useTestSandbox({ now: () => Date.parse("2026-12-02T10:00:00.000Z") })
const READ = scopeOfCall("GET", "/o1")
const nowSeconds = () => Math.floor(t.sandbox.control.now().getTime() / 1000)
const grant = (assertion: string) => t.tokenRequest({ grant_type: JWT_BEARER, assertion })

describe("POST {prefix}/oauth2/tokens (docs/gateways/worldline.md#authentication)", () => {
  it("issues an opaque bearer token for a PS256 or RS256 assertion of either registered key", async () => {
    const answer = await grant(t.assertion(READ))
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({
      access_token: expect.stringMatching(/^[\w-]{20,}$/),
      token_type: "Bearer",
      expires_in: 300,
    })
    expect((await grant(t.assertion(READ, { header: { alg: "RS256", kid: "k1" } }))).status).toBe(
      200,
    )
  })

  it.each([
    [
      "a signature of an unregistered key",
      () => t.assertion(READ, { privateKey: makeKeyPair().privateKey }),
    ],
    ["a tampered signature", () => t.assertion(READ, { signature: "AAAA" })],
    ['alg "none"', () => t.assertion(READ, { header: { alg: "none" } })],
    ["alg HS256", () => t.assertion(READ, { header: { alg: "HS256" } })],
    ["a wrong aud", () => t.assertion(READ, { claims: { aud: "other" } })],
    ["a wrong iss", () => t.assertion(READ, { claims: { iss: `application-2@${MID}` } })],
    [
      "an expired assertion",
      () => t.assertion(READ, { claims: { iat: nowSeconds() - 120, exp: nowSeconds() - 1 } }),
    ],
    [
      "iat in the future beyond 60 s",
      () => t.assertion(READ, { claims: { iat: nowSeconds() + 61, exp: nowSeconds() + 120 } }),
    ],
    ["a life over an hour", () => t.assertion(READ, { claims: { exp: nowSeconds() + 3601 } })],
    ["no scope", () => t.assertion(READ, { claims: { scope: undefined } })],
    [
      "a malformed scope",
      () => t.assertion("OrderProcessingService:POST:/v2/merchants/x/orders/o1"),
    ],
    ["another merchant's scope", () => t.assertion(READ.replace(MID, "999"))],
  ])("refuses %s with 401 invalid_grant", async (_case, make) => {
    const answer = await grant(make())
    expect(answer.status).toBe(401)
    expect(answer.body).toEqual({ error: "invalid_grant", error_description: expect.any(String) })
  })

  it("accepts iat up to 60 s ahead (clock skew)", async () => {
    const answer = await grant(
      t.assertion(READ, { claims: { iat: nowSeconds() + 60, exp: nowSeconds() + 120 } }),
    )
    expect(answer.status).toBe(200)
  })

  it("does not check jti: the same assertion id twice gets two tokens (an assumption)", async () => {
    const again = () => grant(t.assertion(READ, { claims: { jti: "the-same-jti" } }))
    const [first, second] = [await again(), await again()]
    expect([first.status, second.status]).toEqual([200, 200])
    expect(first.body.access_token).not.toBe(second.body.access_token)
  })

  it("refuses another grant type with 400 unsupported_grant_type", async () => {
    const answer = await t.tokenRequest({
      grant_type: "client_credentials",
      assertion: t.assertion(READ),
    })
    expect(answer.status).toBe(400)
    expect(answer.body.error).toBe("unsupported_grant_type")
  })

  it("honours tokenLifetimeSeconds and serves the /v2 prefix only when told", async () => {
    const other = await startTestSandbox({ tokenLifetimeSeconds: 60, apiPathPrefix: "/v2" })
    try {
      const answer = await other.tokenRequest({
        grant_type: JWT_BEARER,
        assertion: other.assertion(READ),
      })
      expect(answer.body.expires_in).toBe(60)
      const wrongPrefix = await fetch(`${other.sandbox.apiUrl}/api/v2/oauth2/tokens`, {
        method: "POST",
      })
      expect(wrongPrefix.status).toBe(404)
    } finally {
      await other.sandbox.close()
    }
  })
})

describe("bearer tokens on the API", () => {
  it("refuses a missing or unknown token with 401 invalid_token and creates nothing", async () => {
    for (const token of [null, "not-a-token"]) {
      const answer = await t.api("POST", "/tk1", orderBody(), { token })
      expect(answer.status).toBe(401)
      expect(answer.body.error).toBe("invalid_token")
    }
    expect(t.sandbox.control.order("tk1")).toBeUndefined()
  })

  it("refuses a token of another scope with 403 insufficient_scope", async () => {
    const readToken = await t.freshToken(READ)
    const answer = await t.api("POST", "/tk2", orderBody(), { token: readToken })
    expect(answer.status).toBe(403)
    expect(answer.body.error).toBe("insufficient_scope")
    await createOrder(t, "tk2")
    const refundToken = await t.freshToken(scopeOfCall("POST", "/tk2/refunds"))
    const capture = await t.api(
      "POST",
      "/tk2/captures",
      { requestId: "c1" },
      { token: refundToken },
    )
    expect(capture.status).toBe(403)
  })

  it("one token serves every order of its method and path", async () => {
    await createOrder(t, "tk3")
    await createOrder(t, "tk4")
    const token = await t.freshToken(READ)
    expect((await t.api("GET", "/tk3", undefined, { token })).status).toBe(200)
    expect((await t.api("GET", "/tk4", undefined, { token })).status).toBe(200)
  })

  it("a token expires after its life on the sandbox clock", async () => {
    await createOrder(t, "tk5")
    const token = await t.freshToken(READ)
    t.sandbox.control.advanceClock(299_999)
    expect((await t.api("GET", "/tk5", undefined, { token })).status).toBe(200)
    t.sandbox.control.advanceClock(1)
    const expired = await t.api("GET", "/tk5", undefined, { token })
    expect(expired.status).toBe(401)
    expect(expired.body).toEqual({
      error: "invalid_token",
      error_description: "The access token has expired",
    })
  })

  it("another merchant id in the path is refused with 403 (the scope names the merchant)", async () => {
    const token = await t.freshToken(READ)
    const answer = await fetch(`${t.sandbox.apiUrl}/api/v2/merchants/999/orders/o1`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(answer.status).toBe(403)
    expect(ISS).toBe(`application-1@${MID}`)
  })
})
