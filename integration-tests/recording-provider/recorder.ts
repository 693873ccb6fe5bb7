import { RefundIntent } from "../../src/core/provider-refunds"

/** What the recording gateway was asked to refund: the test's view of "the gateway". */
export interface RecordedRefund {
  refund_id: string
  amount: string
  idempotency_key: string
  plan_id: string | null
  lines: Record<string, number>
  shipping: string[]
}

interface RecorderState {
  refunds: RecordedRefund[]
  /** idempotency keys the gateway already refunded: a repeat is answered, not refunded again */
  seenKeys: Set<string>
  /** scripted failures for the next refund calls */
  failNext: Array<string>
}

// One store per process, found through a global symbol: Jest may load this file once for the
// test and once for the app it boots, and both must see the same gateway.
const KEY = Symbol.for("line-refunds.integration.recording-gateway")
const g = globalThis as unknown as Record<symbol, RecorderState>
g[KEY] ??= { refunds: [], seenKeys: new Set(), failNext: [] }

export const recordingGateway = {
  get refunds(): RecordedRefund[] {
    return g[KEY].refunds
  },
  /** the next refund call fails with this message before anything is refunded */
  failNextRefund(message: string) {
    g[KEY].failNext.push(message)
  },
  reset() {
    g[KEY] = { refunds: [], seenKeys: new Set(), failNext: [] }
  },
  refund(intent: RefundIntent): { duplicate: boolean } {
    const failure = g[KEY].failNext.shift()
    if (failure) throw new Error(failure)
    if (g[KEY].seenKeys.has(intent.idempotency_key)) return { duplicate: true }
    g[KEY].seenKeys.add(intent.idempotency_key)
    g[KEY].refunds.push({
      refund_id: intent.refund_id,
      amount: intent.amount,
      idempotency_key: intent.idempotency_key,
      plan_id: intent.plan?.id ?? null,
      lines: Object.fromEntries(
        Object.values(intent.plan?.lines ?? {}).map((l) => [l.line_item_id, l.quantity]),
      ),
      shipping: Object.keys(intent.plan?.shipping ?? {}),
    })
    return { duplicate: false }
  },
}
