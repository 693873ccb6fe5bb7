/**
 * What staff read when a refund is refused: the backend's message is written for them (what
 * happened, what to do, ids last); the SDK's FetchError carries it. Anything else is a network
 * failure, and says so.
 */
export function refundErrorText(error: unknown): string {
  const message = (error as { message?: string } | null)?.message
  if (message && message !== "Failed to fetch") return message
  return "The refund could not be sent: the store did not answer. Check your connection, then look at the refunds below before trying again."
}
