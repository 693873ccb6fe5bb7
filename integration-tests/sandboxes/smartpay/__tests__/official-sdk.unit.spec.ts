/**
 * The sandbox checked by a client nobody here wrote: Smartpay's official Node SDK
 * (`@smartpay/sdk-node` 0.9.1, a devDependency; types in integration-tests/types) pointed at it
 * through its `apiPrefix` option. Every call a store makes (checkout session, order read,
 * captures, refunds with their replay, a refusal, a cancellation) must be sent as the SDK sends
 * it and answered in a shape the SDK reads without error; the SDK's own signature check must
 * accept every webhook the sandbox sends (docs/gateways/smartpay.md#webhooks).
 */
import Smartpay, { type SmartpayError } from "@smartpay/sdk-node"
import { startTestReceiver, type TestReceiver } from "../../kit/test-receiver"
import { checkoutBody, SECRET_KEY, SIGNING_SECRET, useTestSandbox } from "./support/sandbox-client"

const t = useTestSandbox()
let receiver: TestReceiver
let sdk: Smartpay

beforeAll(async () => {
  receiver = await startTestReceiver("/hooks/payment/smartpay_smartpay")
})
afterAll(() => receiver.close())
beforeEach(() => {
  receiver.clear()
  t.sandbox.control.setWebhookUrl(receiver.url)
  sdk = new Smartpay(SECRET_KEY, { apiPrefix: t.sandbox.apiUrl })
})

async function authorisedOrder() {
  const session = await sdk.createCheckoutSession(checkoutBody())
  const orderId: string = session.order.id
  t.sandbox.control.pay(orderId)
  return { session, orderId, order: await sdk.getOrder({ id: orderId, expand: "all" }) }
}

describe("Smartpay's official Node SDK against the sandbox", () => {
  it("creates a checkout session whose hosted page URL and order the SDK reads", async () => {
    const session = await sdk.createCheckoutSession(checkoutBody())
    expect(session).toMatchObject({
      id: expect.stringMatching(/^checkout_test_[0-9a-zA-Z]+$/),
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//),
      order: { id: expect.stringMatching(/^order_test_[0-9a-zA-Z]+$/) },
    })
    const order = await sdk.getOrder({ id: session.order.id, expand: "all" })
    expect(order).toMatchObject({ id: session.order.id, status: "requires_authorization" })
    // what the SDK sent: the raw key as Basic, an Idempotency-Key, its own query marks
    const [sent] = t.sandbox.control.requests().filter((r) => r.method === "POST")
    expect(sent.headers.authorization).toBe("Basic [REDACTED]")
    expect(sent.headers["idempotency-key"]).toMatch(/^[0-9a-zA-Z]{32}$/)
    expect(sent.query).toMatchObject({ "dev-lang": "nodejs", "sdk-version": "0.9.1" })
  })

  it("captures in two parts and refunds a line of the first payment; a replay is the same refund", async () => {
    const { orderId, order } = await authorisedOrder()
    expect(order.status).toBe("requires_capture")
    const first = await sdk.capture({
      order: orderId,
      amount: 4000,
      currency: "JPY",
      cancelRemainder: "manual",
    })
    const second = await sdk.capture({
      order: orderId,
      amount: 2500,
      currency: "JPY",
      cancelRemainder: "manual",
    })
    expect([first.id, second.id]).toEqual([
      expect.stringMatching(/^payment_test_/),
      expect.stringMatching(/^payment_test_/),
    ])
    const refund = () =>
      sdk.refund({
        payment: first.id,
        amount: 2000,
        currency: "JPY",
        reason: "requested_by_customer",
        lineItems: [order.lineItems[0].id],
        description: "Return R-1: 1× Shirt",
        reference: "lr_sdk_contract_1",
        metadata: { medusa_order_id: "order_01" },
        idempotencyKey: "lr_sdk_contract_1",
      })
    const made = await refund()
    expect(made).toMatchObject({
      id: expect.stringMatching(/^refund_test_/),
      payment: first.id,
      amount: 2000,
      status: "succeeded",
    })
    expect((await refund()).id).toBe(made.id)
    expect(t.sandbox.control.refunds(orderId)).toHaveLength(1)
    expect(await sdk.getRefund({ id: made.id })).toMatchObject({ id: made.id, amount: 2000 })
    expect(await sdk.getPayment({ id: second.id })).toMatchObject({ amount: 2500 })
  })

  it("reads a refusal as the SDK's error, with Smartpay's code and message", async () => {
    const { orderId } = await authorisedOrder()
    const payment = await sdk.capture({
      order: orderId,
      amount: 6500,
      currency: "JPY",
      cancelRemainder: "manual",
    })
    let refused: SmartpayError | null = null
    try {
      await sdk.refund({ payment: payment.id, amount: 6501, currency: "JPY", reason: "fraudulent" })
    } catch (error) {
      refused = error as SmartpayError
    }
    expect(refused).toMatchObject({ statusCode: 403, errorCode: "amount.insufficient" })
    expect(refused!.message).toMatch(/^403 /)
    expect(t.sandbox.control.refunds(orderId)).toHaveLength(0)
  })

  it("cancels an authorised order through the SDK's PUT", async () => {
    const { orderId } = await authorisedOrder()
    const canceled = await sdk.cancelOrder({ id: orderId })
    expect(canceled).toMatchObject({ id: orderId, status: "canceled" })
  })

  it("accepts the signature of every webhook the sandbox sends, and refuses one changed byte", async () => {
    t.sandbox.control.setAutoNotify(true)
    const { orderId } = await authorisedOrder()
    const payment = await sdk.capture({
      order: orderId,
      amount: 6500,
      currency: "JPY",
      cancelRemainder: "manual",
    })
    await sdk.refund({ payment: payment.id, amount: 100, currency: "JPY", reason: "fraudulent" })
    await t.sandbox.control.settleNotifications()
    const types = receiver.received.map((call) => JSON.parse(call.rawBody).eventData.type)
    expect(types).toEqual(
      expect.arrayContaining(["order.authorized", "payment.created", "refund.created"]),
    )
    for (const call of receiver.received) {
      const data = `${call.headers["smartpay-signature-timestamp"]}.${call.rawBody}`
      const signature = String(call.headers["smartpay-signature"])
      expect(Smartpay.verifyWebhookSignature({ data, secret: SIGNING_SECRET, signature })).toBe(
        true,
      )
      const changed = data.replace(/"test":true/, '"test":trUe') // one byte
      expect(changed).not.toBe(data)
      expect(
        Smartpay.verifyWebhookSignature({ data: changed, secret: SIGNING_SECRET, signature }),
      ).toBe(false)
    }
  })
})
