/**
 * Access tokens the sandbox issued: opaque random strings, each with the scopes its assertion
 * asked for and an expiry on the sandbox clock (docs/gateways/worldline.md#authentication).
 */
import { randomBytes } from "node:crypto"

interface IssuedToken {
  scopes: ReadonlySet<string>
  expiresAtMs: number
}

export type TokenCheck = { ok: true; scopes: ReadonlySet<string> } | { ok: false; reason: string }

export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>()

  issue(scopes: readonly string[], nowMs: number, lifetimeSeconds: number): string {
    const token = randomBytes(32).toString("base64url")
    this.tokens.set(token, { scopes: new Set(scopes), expiresAtMs: nowMs + lifetimeSeconds * 1000 })
    return token
  }

  check(token: string, nowMs: number): TokenCheck {
    const issued = this.tokens.get(token)
    if (!issued) return { ok: false, reason: "The access token is unknown" }
    if (nowMs >= issued.expiresAtMs) return { ok: false, reason: "The access token has expired" }
    return { ok: true, scopes: issued.scopes }
  }

  /** every token issued so far expires now (a token that lapses while a client still caches it) */
  expireAll(nowMs: number): number {
    for (const issued of this.tokens.values())
      issued.expiresAtMs = Math.min(issued.expiresAtMs, nowMs)
    return this.tokens.size
  }

  clear(): void {
    this.tokens.clear()
  }
}
