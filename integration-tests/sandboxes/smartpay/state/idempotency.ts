/**
 * Idempotency-Key (docs/gateways/smartpay.md#idempotency): the answer to a POST or PUT is kept
 * under its key for the key's life (6 h at Smartpay) on the sandbox clock. The same key with the
 * same request answers the stored answer again, nothing is done twice. Only accepted (2xx)
 * answers are kept (ours), so a refused request may be sent again under its key.
 */
import type { GatewayAnswer } from "../../kit/gateway-request"

export interface StoredAnswer {
  /** method, path and the body, canonical: what must match for a replay */
  fingerprint: string
  answer: GatewayAnswer
  storedAt: number
}

/** JSON with object keys sorted, so key order and spacing never make two requests differ. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`
  }
  return JSON.stringify(value) ?? "null"
}

export function fingerprintOf(method: string, path: string, body: unknown): string {
  return `${method} ${path} ${canonicalJson(body ?? null)}`
}

export class IdempotencyStore {
  private readonly stored = new Map<string, StoredAnswer>()

  constructor(private readonly lifetimeMs: number) {}

  /** The live answer under the key; an expired one is forgotten (the key is free again). */
  find(key: string, nowMs: number): StoredAnswer | undefined {
    const found = this.stored.get(key)
    if (found && nowMs - found.storedAt >= this.lifetimeMs) {
      this.stored.delete(key)
      return undefined
    }
    return found
  }

  remember(key: string, fingerprint: string, answer: GatewayAnswer, nowMs: number): void {
    this.stored.set(key, { fingerprint, answer: structuredClone(answer), storedAt: nowMs })
  }

  clear(): void {
    this.stored.clear()
  }
}
