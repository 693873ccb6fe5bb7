import { amountOnlyIntent } from "../../../core/provider-refunds/__fixtures__/refund-intent"
import { gatewayAmountMinor } from "../../../gateway-kit"
import { buildRefundRequest, refundLineItemIds } from "../refunds/build-refund-request"
import { cut, refundDescription } from "../refunds/refund-description"
import { refundReasonFor } from "../refunds/refund-reason"
import {
  keyOfRefund,
  partIdempotencyKey,
  partOf,
  refundReference,
} from "../refunds/refund-reference"
import { jpyCart } from "../__fixtures__/checkout-cart"
import { returnIntent } from "../__fixtures__/refund-intents"
import { LI_MUG, LI_SHIRT, ORDER_ID, PAYMENT_1 } from "../__fixtures__/smartpay-objects"

const LINE_ITEMS = { cali_shirt: LI_SHIRT, cali_mug: LI_MUG }

function request(intent = returnIntent({ ordli_shirt: 1 }), part = 1, covered?: string[]) {
  const { ids } = refundLineItemIds({ intent, cart: jpyCart(), lineItems: LINE_ITEMS })
  return buildRefundRequest({
    intent,
    orderId: ORDER_ID,
    part,
    payment: { id: PAYMENT_1, lineItems: covered ?? [LI_SHIRT, LI_MUG] },
    amountYen: gatewayAmountMinor(intent, "JPY"),
    reason: "requested_by_customer",
    lineItemIds: ids,
  })
}

describe("Smartpay refund request", () => {
  it("refunds one shirt of return #12: fields, line, words, reference and metadata", () => {
    const intent = returnIntent({ ordli_shirt: 1 })
    const key = intent.idempotency_key
    expect(request(intent)).toEqual({
      part: 1,
      idempotency_key: key,
      body: {
        payment: PAYMENT_1,
        amount: 3050,
        currency: "JPY",
        reason: "requested_by_customer",
        lineItems: [LI_SHIRT],
        description: "Return R-12: 1× Shirt",
        reference: key,
        metadata: {
          medusa_refund_key: key,
          medusa_refund_part: "1",
          medusa_refund_id: "ref_1",
          medusa_order_id: "order_01JP",
          medusa_return_id: "ret_1",
          medusa_plan_id: "lrp_1",
          smartpay_order: ORDER_ID,
        },
      },
    })
    expect(key).toHaveLength(40)
  })

  it("lists a line once whatever the units refunded; shipping is never a line", () => {
    const intent = returnIntent({ ordli_shirt: 2, ordli_mug: 1 }, true)
    const { body } = request(intent)
    expect(body.lineItems).toEqual([LI_SHIRT, LI_MUG])
    expect(body.amount).toBe(8850)
    expect(body.description).toBe("Return R-12: 2× Shirt, 1× Mug, shipping 770 JPY")
  })

  it("lists only the lines the payment covers, and none for an amount-only refund", () => {
    expect(
      request(returnIntent({ ordli_shirt: 1, ordli_mug: 1 }), 1, [LI_MUG]).body.lineItems,
    ).toEqual([LI_MUG])
    const amountOnly = amountOnlyIntent("1000", ORDER_ID)
    const built = buildRefundRequest({
      intent: amountOnly,
      orderId: ORDER_ID,
      part: 1,
      payment: { id: PAYMENT_1 },
      amountYen: 1000,
      reason: "requested_by_customer",
      lineItemIds: [],
    })
    expect(built.body).not.toHaveProperty("lineItems")
    expect(built.body.description).toBe("Refund")
    expect(Object.keys(built.body.metadata)).toEqual([
      "medusa_refund_key",
      "medusa_refund_part",
      "medusa_refund_id",
      "smartpay_order",
    ])
  })

  it("leaves out lines without a Smartpay id, naming them", () => {
    const intent = returnIntent({ ordli_shirt: 1, ordli_mug: 1 })
    expect(
      refundLineItemIds({ intent, cart: jpyCart(), lineItems: { cali_shirt: LI_SHIRT } }),
    ).toEqual({ ids: [LI_SHIRT], unmatched: ["ordli_mug"] })
    expect(refundLineItemIds({ intent, cart: null, lineItems: LINE_ITEMS }).ids).toEqual([])
  })

  it("keeps every metadata value a string and at most 20 pairs", () => {
    const { metadata } = request().body
    expect(Object.keys(metadata).length).toBeLessThanOrEqual(20)
    expect(Object.values(metadata).every((v) => typeof v === "string")).toBe(true)
  })

  it("numbers the parts of a split refund: Idempotency-Key <key>-p<n>, one reference", () => {
    const key = "lr_0123456789abcdef0123456789abcdef01234"
    expect(partIdempotencyKey(key, 1)).toBe(key)
    expect(partIdempotencyKey(key, 2)).toBe(`${key}-p2`)
    expect(refundReference(key)).toBe(key)
    const second = request(returnIntent({ ordli_shirt: 1 }), 2)
    expect(second.idempotency_key).toMatch(/-p2$/)
    expect(second.body.reference).toBe(second.idempotency_key.replace(/-p2$/, ""))
    expect(second.body.metadata.medusa_refund_part).toBe("2")

    expect(partOf({ reference: key }, key)).toBe(1)
    expect(partOf({ reference: key, metadata: { medusa_refund_part: "3" } }, key)).toBe(3)
    expect(partOf({ reference: "creditmemo_3" }, key)).toBeNull()
    expect(partOf({ metadata: { medusa_refund_key: key, medusa_refund_part: "2" } }, key)).toBe(2)
    expect(keyOfRefund({ reference: null, metadata: { medusa_refund_key: key } })).toBe(key)
    expect(keyOfRefund({ reference: key })).toBe(key)
    expect(keyOfRefund({ reference: "dashboard" })).toBeNull()
  })

  it("cuts the description to 80 characters, never inside a character", () => {
    const intent = returnIntent({ ordli_shirt: 1 })
    const long = {
      ...intent.plan!,
      lines: Object.fromEntries(
        Object.entries(intent.plan!.lines).map(([id, line]) => [
          id,
          { ...line, title: "シャツ👕".repeat(40) },
        ]),
      ),
    }
    const text = refundDescription(long)
    expect(Array.from(text)).toHaveLength(80)
    expect(text.endsWith("…")).toBe(true)
    expect(text.startsWith("Return R-12: 1× シャツ👕")).toBe(true)
    expect(Array.from(cut("👕".repeat(100)))).toHaveLength(80)
    expect(cut("   ")).toBe("Refund")
  })

  it("sends fraudulent only for the configured Medusa reasons", () => {
    const intent = returnIntent({ ordli_shirt: 1 })
    expect(refundReasonFor(intent, ["fraud"])).toBe("requested_by_customer")
    const withReason = (code: string | null, label: string | null) => ({
      ...intent,
      plan: { ...intent.plan!, refund_reason: { id: "refr_1", code, label } },
    })
    expect(refundReasonFor(withReason("fraud", "Fraud"), ["fraud"])).toBe("fraudulent")
    expect(refundReasonFor(withReason(null, "Fraud "), ["FRAUD"])).toBe("fraudulent")
    expect(refundReasonFor(withReason("damaged", "Damaged"), ["fraud"])).toBe(
      "requested_by_customer",
    )
    expect(refundReasonFor(withReason("fraud", "Fraud"), [])).toBe("requested_by_customer")
  })
})
