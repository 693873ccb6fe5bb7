import {
  amountOnlyIntent,
  refundIntentFor,
} from "../../../core/provider-refunds/__fixtures__/refund-intent"
import { buildRefundRequest } from "../refunds/build-refund-request"
import { keyOfReference, referenceOf } from "../refunds/refund-reference"
import { A1_ORDER } from "../__fixtures__/order-a1"

const KEY = "lr_0123456789abcdef0123456789abcdef01234"

describe("Optty refund body", () => {
  it("refunds a return's lines as one amount named after the return and its lines", () => {
    const intent = refundIntentFor(
      A1_ORDER,
      { ordli_shirt: 1, ordli_mug: 2 },
      { returnDisplayId: 12 },
    )
    const { body, amount_minor } = buildRefundRequest({
      intent,
      currency: "AUD",
      isActivatedViaOAuth: false,
    })
    expect(amount_minor).toBe(5000)
    expect(JSON.stringify(body)).toBe(
      JSON.stringify({
        refundReference: KEY,
        refundAmount: { amount: 50, currency: "AUD" },
        refundDescription: "Return RET-12: 1× T-shirt M, 2× Mug",
        isActivatedViaOAuth: false,
      }),
    )
  })

  it("names the shipping when it is refunded too, and passes isActivatedViaOAuth on", () => {
    const intent = refundIntentFor(
      A1_ORDER,
      { ordli_mug: 1 },
      { returnDisplayId: 7, shipping: true },
    )
    const { body } = buildRefundRequest({ intent, currency: "AUD", isActivatedViaOAuth: true })
    expect(body).toEqual({
      refundReference: KEY,
      refundAmount: { amount: 22.5, currency: "AUD" },
      refundDescription: "Return RET-7: 1× Mug, shipping (Standard)",
      isActivatedViaOAuth: true,
    })
  })

  it("sends an amount-only refund with a description of the amount, under a stable key", () => {
    const first = buildRefundRequest({
      intent: amountOnlyIntent("10.5", "payses_a1"),
      currency: "AUD",
      isActivatedViaOAuth: false,
    })
    const again = buildRefundRequest({
      intent: amountOnlyIntent("10.5", "payses_a1"),
      currency: "AUD",
      isActivatedViaOAuth: false,
    })
    const otherOrder = buildRefundRequest({
      intent: amountOnlyIntent("10.5", "payses_b2"),
      currency: "AUD",
      isActivatedViaOAuth: false,
    })
    expect(first.body.refundAmount).toEqual({ amount: 10.5, currency: "AUD" })
    expect(first.body.refundDescription).toBe("Refund of AUD 10.50")
    expect(first.body.refundReference).toMatch(/^lr_[0-9a-f]{37}$/)
    expect(again.body.refundReference).toBe(first.body.refundReference)
    expect(otherOrder.body.refundReference).not.toBe(first.body.refundReference)
  })

  it("sends at most two decimals, and zero decimals for JPY", () => {
    const cents = buildRefundRequest({
      intent: amountOnlyIntent("24.98"),
      currency: "AUD",
      isActivatedViaOAuth: false,
    })
    expect(JSON.stringify(cents.body.refundAmount)).toBe('{"amount":24.98,"currency":"AUD"}')
    const yen = buildRefundRequest({
      intent: amountOnlyIntent("1500"),
      currency: "JPY",
      isActivatedViaOAuth: false,
    })
    expect(JSON.stringify(yen.body.refundAmount)).toBe('{"amount":1500,"currency":"JPY"}')
  })

  it("refuses an amount that rounds to nothing", () => {
    expect(() =>
      buildRefundRequest({
        intent: amountOnlyIntent("0.004"),
        currency: "AUD",
        isActivatedViaOAuth: false,
      }),
    ).toThrow(
      "A refund of 0.004 AUD rounds to nothing at Optty, so nothing was sent. Refund at least 0.01 AUD.",
    )
  })

  it("keeps descriptions of long returns within 255 characters", () => {
    const many = {
      ...A1_ORDER,
      items: Array.from({ length: 30 }, (_, i) => ({
        ...A1_ORDER.items[0],
        id: `ordli_${i}`,
        title: `A product with a long name number ${i}`,
      })),
    }
    const returned = Object.fromEntries(many.items.map((item) => [item.id, 1]))
    const { body } = buildRefundRequest({
      intent: refundIntentFor(many, returned, { returnDisplayId: 3 }),
      currency: "AUD",
      isActivatedViaOAuth: false,
    })
    expect(body.refundDescription).toHaveLength(255)
    expect(body.refundDescription).toMatch(
      /^Return RET-3: 1× A product with a long name number 0, /,
    )
    expect(body.refundDescription.endsWith("…")).toBe(true)
  })
})

describe("Optty refund references as Optty reports them", () => {
  it.each([
    [KEY, KEY, KEY],
    [`${KEY}-00`, KEY, KEY],
    [`${KEY}_2`, `${KEY}_2`, KEY],
    [`${KEY}_2-01`, `${KEY}_2`, KEY],
    ["8ba78198-bc4c-48ae-9040-57c687bed51d", "8ba78198-bc4c-48ae-9040-57c687bed51d", null],
    ["TgEHcPtpN2HSrTMK-0-00", "TgEHcPtpN2HSrTMK-0", null],
  ])("%s → sent as %s, key %s", (reported, sent, key) => {
    expect(referenceOf(reported)).toBe(sent)
    expect(keyOfReference(reported)).toBe(key)
  })
})
