import { PaymentActions, PaymentSessionStatus } from "@medusajs/framework/utils"
import { keyOfRequestId, refundGroups, refundReport } from "../refunds/refund-report"
import { paymentStatus, refundStatus, webhookAction } from "../statuses"
import { order, ORDER_ID, PAID_TWICE, tx } from "../__fixtures__/orders"
import { transactionSchema } from "../api/schemas"

const KEY = "lr_0123456789abcdef0123456789abcdef01234"

describe("Worldline refund report", () => {
  it("groups refund transactions by request id; portal refunds one each", () => {
    const read = PAID_TWICE([
      tx("7000004", "Credit", "Processed", 40, {
        requestId: KEY,
        referenceTransactionId: "7000002",
      }),
      tx("7000005", "Credit", "Processed", 5, {
        requestId: KEY,
        referenceTransactionId: "7000003",
      }),
      tx("7000006", "Credit", "Declined", 10, {
        requestId: `${KEY}-2`,
        statusCode: 22041,
        description: "The issuing bank declined the credit",
      }),
      tx("7000007", "Payout", "Registered", 3),
      tx("7000008", "Credit", "Processed", 2),
    ])
    expect(refundGroups(read).map((g) => [g.request_id, g.transactions.length])).toEqual([
      [KEY, 2],
      [`${KEY}-2`, 1],
      [null, 1],
      [null, 1],
    ])
    const report = refundReport({ ...read, orderId: `${ORDER_ID}-3` })
    expect(report).toMatchObject({
      provider: "worldline",
      session_id: ORDER_ID,
      payment_reference: `${ORDER_ID}-3`,
    })
    expect(report.refunds).toEqual([
      expect.objectContaining({
        gateway_reference: "7000004+7000005",
        status: "succeeded",
        amount: "45.00",
        currency_code: "eur",
        idempotency_key: KEY,
      }),
      expect.objectContaining({
        gateway_reference: "7000006",
        status: "failed",
        amount: "10.00",
        idempotency_key: KEY,
        reason: "The issuing bank declined the credit (status code 22041)",
      }),
      expect.objectContaining({
        gateway_reference: "7000007",
        status: "pending",
        idempotency_key: null,
      }),
      expect.objectContaining({
        gateway_reference: "7000008",
        status: "succeeded",
        amount: "2.00",
      }),
    ])
  })

  it("strips a retry suffix only from our own request ids", () => {
    expect(keyOfRequestId(`${KEY}-12`)).toBe(KEY)
    expect(keyOfRequestId(KEY)).toBe(KEY)
    expect(keyOfRequestId("portal-7")).toBeNull()
    expect(keyOfRequestId(null)).toBeNull()
  })
})

describe("Worldline statuses", () => {
  const t = (state: string) => transactionSchema.parse(tx("1", "Credit", state, 1))

  it("refund: all processed, any registered, all failed, a mix of processed and failed", () => {
    expect(refundStatus([t("Processed"), t("Processed")])).toEqual({
      status: "succeeded",
      mixed: false,
    })
    expect(refundStatus([t("Processed"), t("Registered")]).status).toBe("pending")
    expect(refundStatus([t("Declined"), t("Rejected"), t("System Error")]).status).toBe("failed")
    expect(refundStatus([t("Processed"), t("Declined")])).toEqual({
      status: "pending",
      mixed: true,
    })
  })

  it("payment: from the order state and its transactions", () => {
    const auth = tx("7000001", "Authorization", "Processed", 61.05)
    const none = { capturedAmount: { amount: 0, currency: "EUR" } }
    expect(paymentStatus(order([auth], { orderState: "Pending payment", ...none }))).toBe(
      PaymentSessionStatus.AUTHORIZED,
    )
    expect(
      paymentStatus(order([], { orderState: "Registered", authorizedAmount: null, ...none })),
    ).toBe(PaymentSessionStatus.PENDING)
    expect(paymentStatus(order([auth], { orderState: "Cancelled", ...none }))).toBe(
      PaymentSessionStatus.CANCELED,
    )
    expect(paymentStatus(order([], { orderState: "Invalid", ...none }))).toBe(
      PaymentSessionStatus.ERROR,
    )
    expect(
      paymentStatus(
        order([tx("7000001", "Authorization", "Declined", 61.05)], {
          orderState: "Registered",
          ...none,
        }),
      ),
    ).toBe(PaymentSessionStatus.ERROR)
    for (const orderState of ["Paid", "Refunded", "Disputed"]) {
      expect(paymentStatus(order([auth], { orderState }))).toBe(PaymentSessionStatus.CAPTURED)
    }
  })

  it("notification action: captured, authorized, failed; nothing once refunds exist", () => {
    expect(webhookAction(PAID_TWICE())).toBe(PaymentActions.SUCCESSFUL)
    expect(webhookAction(PAID_TWICE([tx("7000004", "Credit", "Processed", 1)]))).toBe(
      PaymentActions.NOT_SUPPORTED,
    )
    expect(webhookAction(order([], { orderState: "Invalid", capturedAmount: null }))).toBe(
      PaymentActions.FAILED,
    )
  })
})
