/**
 * Access tokens the sandbox issued. Opaque to the merchant but JWT-shaped like Optty's
 * (header.payload.signature, base64url); validity is decided here, on the sandbox clock, never
 * by decoding the token.
 */
import { randomBytes, randomUUID } from "node:crypto"

interface IssuedToken {
  expiresAtMs: number
  revoked: boolean
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url")

export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>()

  issue(clientId: string, scope: string, nowMs: number, ttlSeconds: number): string {
    const issuedAt = Math.floor(nowMs / 1000)
    const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))
    const payload = base64url(
      JSON.stringify({
        sub: clientId,
        scope,
        iat: issuedAt,
        exp: issuedAt + ttlSeconds,
        jti: randomUUID(),
      }),
    )
    const token = `${header}.${payload}.${base64url(randomBytes(32))}`
    this.tokens.set(token, { expiresAtMs: nowMs + ttlSeconds * 1000, revoked: false })
    return token
  }

  isValid(token: string, nowMs: number): boolean {
    const issued = this.tokens.get(token)
    return issued !== undefined && !issued.revoked && nowMs < issued.expiresAtMs
  }

  /** Revokes every token issued so far; answers how many were still valid. */
  revokeAll(nowMs: number): number {
    let revoked = 0
    for (const [token, issued] of this.tokens) {
      if (this.isValid(token, nowMs)) revoked += 1
      issued.revoked = true
    }
    return revoked
  }

  clear(): void {
    this.tokens.clear()
  }
}
