/**
 * What the dev store does at a gateway's sandbox, over its `/_control` API: the sandbox half of
 * the demo orders and of the storefront return page. Each gateway implements it in
 * `integration-tests/sandboxes/<gateway>/demo-actions.ts` (exported as `demoActions`), which its
 * descriptor names in `dev.demoOrders.actions`; the steps every gateway shares (checkout, capture,
 * returns, the plugin's refund route) are integration-tests/dev/demo-orders.ts's.
 */

/** A sandbox's `/_control` API over HTTP. */
export interface ControlClient {
  /** e.g. http://127.0.0.1:4010 */
  origin: string
  get(path: string): Promise<any>
  post(path: string, body?: unknown): Promise<any>
}

/** The refund the plugin made, as its ledger shows it (GET /admin/line-refunds/orders/:id). */
export interface LedgerRefundSeen {
  idempotency_key: string
  gateway_reference: string | null
  status: string
  amount: string
  currency_code: string
}

export interface SandboxDemoActions {
  /** the gateway's order behind a payment session's data (what its control routes take) */
  gatewayOrderOf(sessionData: Record<string, unknown>): string
  /**
   * The shopper pays at the gateway; `payment` is the demo order's `payment` (e.g. a method).
   * Resolves to the URL the gateway sends the shopper back to, when it gives one.
   */
  pay(
    control: ControlClient,
    gatewayOrder: string,
    payment: Record<string, unknown>,
  ): Promise<string | null>
  /** runs `refund` so that the refund it makes stays pending at the gateway */
  keepingRefundPending<T>(control: ControlClient, refund: () => Promise<T>): Promise<T>
  /** the gateway declines a pending refund, in its own words */
  declineRefund(
    control: ControlClient,
    gatewayOrder: string,
    refund: LedgerRefundSeen,
    reason: string,
  ): Promise<void>
  /** a refund made in the gateway's dashboard: `amount` a decimal string in `currency` */
  dashboardRefund(
    control: ControlClient,
    gatewayOrder: string,
    amount: string,
    currency: string,
  ): Promise<void>
  /** the storefront return page: the Medusa payment session the return's query is about */
  sessionOfReturn(query: URLSearchParams): string | null
}

/** A control client of the sandbox at `origin`; a refusal throws with the sandbox's error. */
export function controlClient(origin: string): ControlClient {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${origin}/_control/${path.replace(/^\//, "")}`, {
      method,
      headers: { "content-type": "application/json", accept: "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    })
    const text = await response.text()
    const answer = text ? JSON.parse(text) : null
    if (!response.ok) {
      throw new Error(
        `${method} ${origin}/_control/${path} -> ${response.status}: ${answer?.error ?? text}`,
      )
    }
    return answer
  }
  return {
    origin,
    get: (path) => call("GET", path),
    post: (path, body) => call("POST", path, body ?? {}),
  }
}

/**
 * Runs `fn` after every earlier call made through the same lock has ended: a gateway whose
 * "refunds start pending" is a sandbox-wide setting switches it for one refund at a time.
 */
export function serialized(): <T>(fn: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve()
  return (fn) => {
    const run = tail.then(fn, fn)
    tail = run.catch(() => undefined)
    return run
  }
}
