import { constants, createPrivateKey, KeyObject, randomUUID, sign } from "node:crypto"
import { GatewayError, GatewayHttpClient } from "../../../gateway-kit"
import { GATEWAY, readWorldlineError } from "./read-error"
import { tokenAnswerSchema } from "./schemas"

/** Refresh this long before the token expires, so it never expires in flight. */
const EARLY_REFRESH_MS = 30_000
/** How long our assertions are valid (docs/gateways/worldline.md#authentication). */
const ASSERTION_LIFE_SECONDS = 60
const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"

export type SigningAlgorithm = "PS256" | "RS256"

export interface SigningKey {
  key: KeyObject
  kid?: string
}

export interface AssertionClaims {
  aud: "drwp"
  iss: string
  scope: string
  iat: number
  exp: number
  jti: string
}

/** What a token is for: one method and path template (docs/gateways/worldline.md#authentication). */
export type OrderScopePath = "" | "/captures" | "/cancels" | "/refunds"

/**
 * `OrderProcessingService:<METHOD>:/v2/merchants/<mid>/orders/{orderId}<suffix>`: always written
 * with `/v2`, whatever prefix the host serves, and the order id as the placeholder.
 */
export function orderScope(method: "GET" | "POST", merchantId: string, path: OrderScopePath) {
  return `OrderProcessingService:${method}:/v2/merchants/${merchantId}/orders/{orderId}${path}`
}

export function assertionClaims(input: {
  applicationId: string
  merchantId: string
  scope: string
  nowMs: number
  jti?: string
}): AssertionClaims {
  const iat = Math.floor(input.nowMs / 1000)
  return {
    aud: "drwp",
    iss: `${input.applicationId}@${input.merchantId}`,
    scope: input.scope,
    iat,
    exp: iat + ASSERTION_LIFE_SECONDS,
    jti: input.jti ?? randomUUID(),
  }
}

const base64url = (value: Buffer | string) => Buffer.from(value).toString("base64url")

/** A compact JWS of the claims, signed with node:crypto: RSA-PSS (salt 32) or PKCS#1 v1.5. */
export function signAssertion(
  claims: AssertionClaims,
  signing: SigningKey,
  algorithm: SigningAlgorithm,
): string {
  const header = { alg: algorithm, typ: "JWT", ...(signing.kid ? { kid: signing.kid } : {}) }
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`
  const signature =
    algorithm === "PS256"
      ? sign("sha256", Buffer.from(input), {
          key: signing.key,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: 32,
        })
      : sign("sha256", Buffer.from(input), {
          key: signing.key,
          padding: constants.RSA_PKCS1_PADDING,
        })
  return `${input}.${base64url(signature)}`
}

export interface WorldlineTokenSourceOptions {
  /** base URL with a trailing slash */
  baseUrl: string
  /** "/api/v2" or "/v2" */
  apiPathPrefix: string
  merchantId: string
  applicationId: string
  /** PEM; the first is used until Worldline refuses it */
  keys: Array<{ pem: string; kid?: string }>
  algorithm: SigningAlgorithm
  timeoutMs: number
  now?: () => number
}

interface Cached {
  token: string
  refreshAt: number
}

/**
 * Worldline access tokens, one per scope (JWT-bearer, RFC 7523), cached until 30 s before they
 * expire (at least half their life) and fetched once for all concurrent callers of a scope. When
 * Worldline refuses the assertion (`invalid_grant`) and a second key is configured, that key
 * signs, and the one that worked is kept. Neither a key nor a token reaches a log or an error.
 */
export class WorldlineTokenSource {
  private readonly http: GatewayHttpClient
  private readonly keys: SigningKey[]
  private active = 0
  private readonly cache = new Map<string, Cached>()
  private readonly inFlight = new Map<string, Promise<string>>()

  constructor(private readonly options: WorldlineTokenSourceOptions) {
    this.keys = options.keys.map(({ pem, kid }) => ({
      key: createPrivateKey({ key: pem, format: "pem" }),
      kid,
    }))
    if (!this.keys.length) throw new Error("Worldline needs a private key")
    this.http = new GatewayHttpClient({
      gateway: GATEWAY,
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs,
      headers: () => ({}),
      readError: (status, body) => {
        const error = readWorldlineError(status, body)
        if (error?.kind === "auth") {
          error.message = `the token assertion was refused (${error.message})`
        }
        return error
      },
    })
  }

  /** the index of the key that signs now (0: privateKey, 1: secondaryPrivateKey) */
  get activeKey(): number {
    return this.active
  }

  async token(scope: string): Promise<string> {
    const cached = this.cache.get(scope)
    if (cached && this.now() < cached.refreshAt) return cached.token
    let pending = this.inFlight.get(scope)
    if (!pending) {
      pending = this.fetch(scope).finally(() => this.inFlight.delete(scope))
      this.inFlight.set(scope, pending)
    }
    return pending
  }

  /** Drops `token` of `scope` after Worldline refused it; a newer token is kept. */
  invalidate(scope: string, token: string): void {
    if (this.cache.get(scope)?.token === token) this.cache.delete(scope)
  }

  async close(): Promise<void> {
    await this.http.close()
  }

  private async fetch(scope: string): Promise<string> {
    const order = [this.active, ...this.keys.map((_, i) => i).filter((i) => i !== this.active)]
    let refused: GatewayError | null = null
    for (const index of order) {
      try {
        const token = await this.fetchWith(scope, index)
        this.active = index
        return token
      } catch (error) {
        const invalidGrant =
          error instanceof GatewayError &&
          error.kind === "auth" &&
          error.details.code === "invalid_grant"
        if (!invalidGrant) throw error
        refused ??= error
      }
    }
    throw refused!
  }

  private async fetchWith(scope: string, index: number): Promise<string> {
    const prefix = this.options.apiPathPrefix.replace(/^\//, "")
    // a token request moves no money: after a transient failure it is asked again, with a new
    // assertion (a fresh jti) each time
    for (let attempt = 1; ; attempt++) {
      const assertion = signAssertion(
        assertionClaims({
          applicationId: this.options.applicationId,
          merchantId: this.options.merchantId,
          scope,
          nowMs: this.now(),
        }),
        this.keys[index],
        this.options.algorithm,
      )
      try {
        const answer = await this.http.call({
          method: "POST",
          path: `${prefix}/oauth2/tokens`,
          form: { grant_type: JWT_BEARER, assertion },
          schema: tokenAnswerSchema,
        })
        const lifeMs = answer.expires_in * 1000
        this.cache.set(scope, {
          token: answer.access_token,
          refreshAt: this.now() + Math.max(lifeMs - EARLY_REFRESH_MS, lifeMs / 2),
        })
        return answer.access_token
      } catch (error) {
        const transient =
          error instanceof GatewayError &&
          ["ambiguous", "unavailable", "rate_limited"].includes(error.kind)
        if (!transient || attempt >= 3) throw error
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt))
      }
    }
  }

  private now(): number {
    return this.options.now ? this.options.now() : Date.now()
  }
}
