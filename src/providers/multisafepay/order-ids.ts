/**
 * A MultiSafepay order id is the Medusa payment session id, with "-<n>" when the session had to
 * start a new order (amount changed). Session ids never contain "-", so the session is always
 * recoverable from what MultiSafepay reports, with nothing stored on our side.
 */
export function orderIdFor(sessionId: string, attempt: number): string {
  return attempt <= 1 ? sessionId : `${sessionId}-${attempt}`
}

export function sessionIdOf(orderId: string): string {
  return orderId.replace(/-\d+$/, "")
}
