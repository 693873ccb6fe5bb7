/**
 * Token scopes (docs/gateways/worldline.md#authentication): one per method and path template,
 * `OrderProcessingService:<METHOD>:/v2/merchants/<mid>/orders/{orderId}[/captures|/cancels|/refunds]`,
 * always written with /v2 and the literal placeholder {orderId} (ours), whatever prefix serves.
 */
import { invalidGrant } from "../errors"

export type OrderAction = "" | "/captures" | "/cancels" | "/refunds"

const SCOPE =
  /^OrderProcessingService:(GET|POST):\/v2\/merchants\/([^/\s]+)\/orders\/\{orderId\}(\/captures|\/cancels|\/refunds)?$/

export function scopeFor(method: string, merchantId: string, action: OrderAction): string {
  return `OrderProcessingService:${method}:/v2/merchants/${merchantId}/orders/{orderId}${action}`
}

/** The assertion's scopes (space-separated, RFC 6749), each well formed and of this merchant. */
export function assertionScopes(scope: unknown, merchantId: string): string[] {
  if (typeof scope !== "string" || scope.trim() === "") {
    throw invalidGrant("The assertion has no scope")
  }
  const scopes = scope.trim().split(/\s+/)
  for (const one of scopes) {
    const match = SCOPE.exec(one)
    if (!match) {
      throw invalidGrant(
        `Scope ${one} is not OrderProcessingService:<METHOD>:/v2/merchants/<mid>/orders/{orderId}[/captures|/cancels|/refunds]`,
      )
    }
    if (match[2] !== merchantId) throw invalidGrant(`Scope ${one} names another merchant`)
  }
  return scopes
}
