import {
  CLIENT_ID,
  MERCHANT_ID,
  orderBody,
  startTestSandbox,
  TOKEN_FIELDS,
  useTestSandbox,
} from "./support/sandbox-client"

// a fixed clock, so expiry can be tested to the millisecond
const t = useTestSandbox({ now: () => new Date("2026-03-02T09:00:00.000Z") })
const UNAUTHORIZED = { statusCode: 401, message: "Unauthorized" }

describe("POST /auth/token", () => {
  it("issues a JWT-shaped bearer token for the right client credentials", async () => {
    const answer = await t.tokenRequest()
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({
      access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      expires_in: 86400,
      token_type: "Bearer",
      scope: "api-user",
    })
    const payload = JSON.parse(
      Buffer.from(answer.body.access_token.split(".")[1], "base64url").toString("utf8"),
    )
    expect(payload).toMatchObject({ sub: CLIENT_ID, scope: "api-user" })
    expect(payload.exp - payload.iat).toBe(86400)
  })

  it.each([
    ["a wrong client_secret", { ...TOKEN_FIELDS, client_secret: "nope" }],
    ["a wrong client_id", { ...TOKEN_FIELDS, client_id: "other" }],
    ["no credentials", { grant_type: "client_credentials", scope: "api-user" }],
  ])("answers 401 Unauthorized for %s", async (_case, fields) => {
    const answer = await t.tokenRequest(fields)
    expect(answer.status).toBe(401)
    expect(answer.body).toEqual(UNAUTHORIZED)
  })

  it("answers 400 for a wrong grant_type or scope, and for a JSON body", async () => {
    const grant = await t.tokenRequest({ ...TOKEN_FIELDS, grant_type: "password" })
    expect(grant.status).toBe(400)
    expect(grant.body).toEqual({
      statusCode: 400,
      message: "grant_type must be client_credentials",
      error: "Bad Request",
    })
    const scope = await t.tokenRequest({ ...TOKEN_FIELDS, scope: "admin" })
    expect(scope.body).toEqual({
      statusCode: 400,
      message: "scope must be api-user",
      error: "Bad Request",
    })
    const json = await t.tokenRequest(TOKEN_FIELDS, "application/json")
    expect(json.status).toBe(400)
    expect(json.body.message).toBe("Content-Type must be application/x-www-form-urlencoded")
  })

  it("serves only POST /token under /auth", async () => {
    const answer = await fetch(`${t.sandbox.authUrl}/token`)
    expect(answer.status).toBe(404)
    expect(await answer.json()).toEqual({
      statusCode: 404,
      message: "Cannot GET /token",
      error: "Not Found",
    })
  })

  it("honours tokenTtlSeconds", async () => {
    const short = await startTestSandbox({ tokenTtlSeconds: 60 })
    try {
      expect((await short.tokenRequest()).body.expires_in).toBe(60)
    } finally {
      await short.sandbox.close()
    }
  })
})

describe("bearer tokens on the API", () => {
  const create = (reference: string, token?: string | null) =>
    t.api("POST", "/orders", orderBody(reference), { token })

  it("refuses a missing or unknown token with 401 and processes nothing", async () => {
    const missing = await create("tk1", null)
    expect(missing.status).toBe(401)
    expect(missing.body).toEqual(UNAUTHORIZED)
    const unknown = await create("tk1", "not-a-token")
    expect(unknown.body).toEqual(UNAUTHORIZED)
    const basic = await t.api("POST", "/orders", orderBody("tk1"), { token: null })
    expect(basic.status).toBe(401)
    expect(t.sandbox.control.order("tk1")).toBeUndefined()
  })

  it("a token expires after its life on the sandbox clock", async () => {
    const token = await t.freshToken()
    t.sandbox.control.advanceClock(86_399_999)
    expect((await create("tk2", token)).status).toBe(200)
    t.sandbox.control.advanceClock(1)
    const expired = await create("tk3", token)
    expect(expired.status).toBe(401)
    expect(expired.body).toEqual(UNAUTHORIZED)
    expect(t.sandbox.control.order("tk3")).toBeUndefined()
    expect((await create("tk3", await t.freshToken())).status).toBe(200)
  })

  it("expireTokens revokes every token issued so far, not later ones", async () => {
    const first = await t.freshToken()
    const second = await t.freshToken()
    expect(t.sandbox.control.expireTokens()).toBe(2)
    expect((await create("tk4", first)).status).toBe(401)
    expect((await create("tk4", second)).status).toBe(401)
    const third = await t.freshToken()
    expect((await create("tk4", third)).status).toBe(200)
  })

  it("an unknown route answers 404 before the token is looked at", async () => {
    const answer = await t.api("GET", `/orders/x/details?merchantId=${MERCHANT_ID}`, undefined, {
      token: null,
    })
    expect(answer.status).toBe(404)
    expect(answer.body).toEqual({
      statusCode: 404,
      message: "Cannot GET /orders/x/details",
      error: "Not Found",
    })
  })

  it("reset() forgets tokens", async () => {
    const token = await t.freshToken()
    t.sandbox.control.reset()
    expect((await create("tk5", token)).status).toBe(401)
  })
})
