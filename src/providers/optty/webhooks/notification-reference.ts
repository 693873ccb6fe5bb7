/**
 * Optty signs no notification, so nothing in a body is believed: the only thing taken from it
 * is which order to re-read, and only if it looks like one of ours (a Medusa payment session
 * id, the orderReference we gave Optty). Status, amounts and refunds come from Optty's order
 * details, read with our own credentials.
 */
const SESSION_REFERENCE = /^payses_[0-9A-Za-z]{10,40}$/

export function notificationOrderReference(body: unknown): string | null {
  if (!body || typeof body !== "object") return null
  const record = body as Record<string, unknown>
  const nested = record.data && typeof record.data === "object" ? record.data : null
  const candidates = [
    record.orderReference,
    record.merchantReference,
    (nested as Record<string, unknown> | null)?.orderReference,
  ]
  const found = candidates.find(
    (value): value is string => typeof value === "string" && SESSION_REFERENCE.test(value),
  )
  return found ?? null
}
