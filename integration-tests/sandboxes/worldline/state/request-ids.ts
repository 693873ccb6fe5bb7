/**
 * What was done under each merchant request id (docs/gateways/worldline.md#refund-retries): the
 * same id with the same parameters answers the original result; with other parameters 11001.
 * Request ids are unique per merchant, kept apart per operation (capture, cancel, refund).
 * Only accepted requests are stored: a refusal leaves the id free (ours).
 */
export type Operation = "capture" | "cancel" | "refund"

export interface StoredRequest {
  /** the parameters that must match for a replay, as one comparable string */
  fingerprint: string
  orderId: string
  transactionIds: string[]
}

export class RequestIds {
  private readonly stored = new Map<string, StoredRequest>()

  find(operation: Operation, requestId: string): StoredRequest | undefined {
    return this.stored.get(`${operation}:${requestId}`)
  }

  remember(operation: Operation, requestId: string, request: StoredRequest): void {
    this.stored.set(`${operation}:${requestId}`, request)
  }

  clear(): void {
    this.stored.clear()
  }
}
