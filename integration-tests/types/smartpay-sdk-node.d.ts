/**
 * The parts of Smartpay's official Node SDK (`@smartpay/sdk-node` 0.9.1, a devDependency) that
 * the tests drive against our Smartpay sandbox. The package's own typings cannot be resolved
 * under Node16 module resolution (its `exports` has no `types` condition), so the surface used
 * is declared here from its build (build/esm/index.js): a test that calls anything else fails
 * the type check instead of running untyped.
 */
declare module "@smartpay/sdk-node" {
  /** what the SDK throws for an error answer: `message` is "<status> <Smartpay's message>" */
  export interface SmartpayError extends Error {
    statusCode: number
    errorCode: string
    details?: unknown
  }

  export interface SmartpayOptions {
    publicKey?: string
    /** the API's base, e.g. http://127.0.0.1:4040/v1 (the SDK appends /checkout-sessions …) */
    apiPrefix?: string
  }

  /** every call may carry its own Idempotency-Key; the SDK makes a random one otherwise */
  type WithKey<T> = T & { idempotencyKey?: string }
  type Answer = Promise<Record<string, any>>

  export default class Smartpay {
    constructor(secretKey: string, options?: SmartpayOptions)
    createCheckoutSession(payload: WithKey<Record<string, unknown>>): Answer
    getOrder(params: { id: string; expand?: string }): Answer
    cancelOrder(params: WithKey<{ id: string }>): Answer
    capture(
      params: WithKey<{
        order: string
        amount: number
        currency: string
        cancelRemainder?: string
        [field: string]: unknown
      }>,
    ): Answer
    refund(
      params: WithKey<{
        payment: string
        amount: number
        currency: string
        reason: "requested_by_customer" | "fraudulent"
        [field: string]: unknown
      }>,
    ): Answer
    getPayment(params: { id: string }): Answer
    getRefund(params: { id: string }): Answer
    /** lower-case hex HMAC-SHA256 of `data`, keyed with the Base62-decoded secret */
    static calculateWebhookSignature(input: { data: string; secret: string }): string
    static verifyWebhookSignature(input: {
      data: string
      secret: string
      signature: string
    }): boolean
  }
}
