import { MedusaError } from "@medusajs/framework/utils"
import { z } from "zod"
import {
  refusedUrl,
  ScriptedServer,
  startScriptedServer,
} from "../../../integration-tests/test-support/scripted-server"
import {
  GatewayError,
  CREDENTIALS_REFUSED_ERROR_CODE,
  GatewayFailureKind,
  RATE_LIMITED_ERROR_CODE,
  toMedusaError,
  UNAVAILABLE_ERROR_CODE,
} from "../gateway-error"
import { GatewayHttpClient } from "../http-client"

/** toMedusaError: the one place where gateway failures become Medusa errors. */
describe("toMedusaError", () => {
  it.each<[GatewayFailureKind, string, string | undefined]>([
    ["rejected", MedusaError.Types.NOT_ALLOWED, undefined],
    ["not_found", MedusaError.Types.NOT_FOUND, undefined],
    ["auth", MedusaError.Types.NOT_ALLOWED, CREDENTIALS_REFUSED_ERROR_CODE],
    ["rate_limited", MedusaError.Types.NOT_ALLOWED, RATE_LIMITED_ERROR_CODE],
    ["unavailable", MedusaError.Types.UNEXPECTED_STATE, UNAVAILABLE_ERROR_CODE],
    ["ambiguous", MedusaError.Types.UNEXPECTED_STATE, undefined],
  ])("%s becomes a MedusaError of type %s (code %s)", (kind, type, code) => {
    const error = toMedusaError(new GatewayError("Acme", kind, "the gateway's words"), "refund")
    expect(error).toBeInstanceOf(MedusaError)
    expect(error.type).toBe(type)
    expect(error.code).toBe(code)
    // the gateway's words, verbatim: after the refusal, else last, in parentheses
    expect(error.message).toMatch(
      kind === "rejected"
        ? /^Acme refused the refund, so nothing was refunded: the gateway's words$/
        : /^Acme\b.*\. \(the gateway's words\)$/,
    )
  })

  it("keeps the gateway's message verbatim and appends its error code, naming no refund of ours", () => {
    const error = toMedusaError(
      new GatewayError("Acme", "rejected", "You can only refund amount up to AUD 24.98", {
        http_status: 400,
        code: 1034,
      }),
      "refund",
    )
    expect(error.message).toBe(
      "Acme refused the refund, so nothing was refunded: You can only refund amount up to AUD 24.98 (error 1034)",
    )
    // a duplicate refusal names only what the gateway named itself
    const duplicate = toMedusaError(
      new GatewayError(
        "Acme",
        "rejected",
        "Cannot refund transaction: the same amount (1000) was refunded within 5 minutes (refund 4010000003)",
        { code: "1034" },
      ),
      "refund",
    )
    expect(duplicate.message).toBe(
      "Acme refused the refund, so nothing was refunded: Cannot refund transaction: the same amount (1000) was refunded within 5 minutes (refund 4010000003) (error 1034)",
    )
  })

  it("names no code when the gateway gave none (null or absent), but keeps a code 0", () => {
    const message = (code: string | number | null | undefined) =>
      toMedusaError(new GatewayError("Acme", "rejected", "No", { code }), "capture").message
    expect(message(null)).toBe("Acme refused the capture, so nothing was captured: No")
    expect(message(undefined)).toBe("Acme refused the capture, so nothing was captured: No")
    expect(message(0)).toBe("Acme refused the capture, so nothing was captured: No (error 0)")
  })

  it("tells staff that nothing was done where they can only wait, and to try again", () => {
    const limited = toMedusaError(new GatewayError("Acme", "rate_limited", "slow down"), "refund")
    expect(limited.message).toBe(
      "Acme is receiving too many requests and did not take the refund, so nothing was done. Try again in a moment. (slow down)",
    )
    const down = toMedusaError(new GatewayError("Acme", "unavailable", "unreachable"), "refund")
    expect(down.message).toBe(
      "Acme could not be reached or did not answer, so the refund was not sent and nothing was done. Try again in a moment. (unreachable)",
    )
    const refused = toMedusaError(new GatewayError("Acme", "rejected", "no"), "refund")
    expect(refused.message).not.toMatch(/Try again/)
  })

  it("passes a MedusaError through untouched", () => {
    const original = new MedusaError(MedusaError.Types.INVALID_DATA, "bad input", "some_code")
    expect(toMedusaError(original, "refund")).toBe(original)
  })

  it("wraps anything else as an unexpected state, with what we were doing", () => {
    const fromError = toMedusaError(new TypeError("x is undefined"), "status check")
    expect(fromError.type).toBe(MedusaError.Types.UNEXPECTED_STATE)
    expect(fromError.message).toBe("The status check failed: x is undefined")
    expect(toMedusaError("just a string", "refund").message).toBe(
      "The refund failed: just a string",
    )
  })
})

/**
 * The whole way from a gateway's HTTP answer to the MedusaError staff see: the gateway's own words
 * arrive, the credentials never do.
 */
describe("toMedusaError, from the gateway's answer over HTTP", () => {
  const SECRET = "sk_live_acme_secret_5f3c2b1a"
  let server: ScriptedServer
  let client: GatewayHttpClient

  beforeAll(async () => {
    server = await startScriptedServer()
  })
  beforeEach(() => {
    client = new GatewayHttpClient({
      gateway: "Acme",
      baseUrl: server.url,
      timeoutMs: 2_000,
      headers: () => ({ authorization: `Bearer ${SECRET}` }),
      readError: (status, body) => {
        const parsed = z.object({ message: z.string(), code: z.number() }).safeParse(body)
        if (!parsed.success) return null
        const kind = status === 401 ? "auth" : status === 404 ? "not_found" : "rejected"
        return new GatewayError("Acme", kind, parsed.data.message, {
          http_status: status,
          code: parsed.data.code,
        })
      },
      safeRetries: 0,
    })
  })
  afterEach(async () => {
    await client.close()
    server.reset()
  })
  afterAll(() => server.close())

  const refund = () =>
    client.call({
      method: "POST",
      path: `payments/p1/refunds?key=${SECRET}`,
      body: { amount: 100 },
      schema: z.unknown(),
    })
  const medusaErrorOf = (run: Promise<unknown>) =>
    run.then(
      () => {
        throw new Error("expected a failure")
      },
      (error: unknown) => toMedusaError(error, "refund"),
    )
  const expectNoSecret = (error: MedusaError) => {
    expect(`${error.message} ${JSON.stringify(error)} ${error.stack}`).not.toContain(SECRET)
  }

  it.each<[number, string, string, string]>([
    [
      400,
      "Refund exceeds the captured amount of EUR 24.98",
      MedusaError.Types.NOT_ALLOWED,
      "Acme refused the refund, so nothing was refunded: Refund exceeds the captured amount of EUR 24.98 (error 7)",
    ],
    [
      404,
      "Unknown payment p1",
      MedusaError.Types.NOT_FOUND,
      "Acme does not know this payment, so the refund was not done. Check that the store is connected to the Acme account the payment was made with. (Unknown payment p1, error 7)",
    ],
    [
      401,
      "Invalid API key",
      MedusaError.Types.NOT_ALLOWED,
      "Acme refused the store's credentials, so the refund was not done. Ask whoever set up the store to check its Acme credentials. (Invalid API key, error 7)",
    ],
  ])(
    "HTTP %i: the gateway's message reaches staff, the key does not",
    async (status, message, type, shown) => {
      server.on("POST", "/payments/p1/refunds", { status, json: { message, code: 7 } })
      const error = await medusaErrorOf(refund())
      expect(error.type).toBe(type)
      expect(error.message).toBe(shown)
      expectNoSecret(error)
    },
  )

  it("transport failures say what happened, without the key", async () => {
    server.on("POST", "/payments/p1/refunds", { drop: "after_body" })
    const lost = await medusaErrorOf(refund())
    expect(lost.message).toMatch(
      /^Acme's answer to the refund was lost, so it is not known whether it was done\. .* \(POST \/payments\/p1\/refunds: connection lost/,
    )
    expectNoSecret(lost)

    await client.close()
    client = new GatewayHttpClient({
      gateway: "Acme",
      baseUrl: await refusedUrl(),
      timeoutMs: 2_000,
      headers: () => ({ authorization: `Bearer ${SECRET}` }),
      readError: () => null,
    })
    const down = await medusaErrorOf(refund())
    expect(down.code).toBe(UNAVAILABLE_ERROR_CODE)
    expectNoSecret(down)
  })

  it("a 429 becomes the rate-limited error the admin routes answer with 429", async () => {
    server.on("POST", "/payments/p1/refunds", {
      status: 429,
      body: "Too Many Requests",
      headers: { "retry-after": "5" },
    })
    const error = await medusaErrorOf(refund())
    expect(error.code).toBe(RATE_LIMITED_ERROR_CODE)
    expect(error.message).toMatch(/nothing was done/)
  })
})
