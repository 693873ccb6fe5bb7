import fc from "fast-check"
import { amountOnlyIntent } from "../../../core/provider-refunds/__fixtures__/refund-intent"
import { buildRefundRequest } from "../refunds/build-refund-request"
import { refundTransactionFor } from "../refunds/refund-transaction"
import { PAID_ONCE, PAID_TWICE, tx } from "../__fixtures__/orders"

const request = (amount: string, currency: string, transactionId?: string) =>
  buildRefundRequest({
    intent: amountOnlyIntent(amount, "payses_x"),
    currency,
    requestId: "lr_0123456789abcdef0123456789abcdef01234",
    transactionId,
  })

describe("Worldline refund body", () => {
  it("writes the amount as an exact number literal in major units", () => {
    expect(request("42.35", "eur").jsonText).toBe(
      '{"requestId":"lr_0123456789abcdef0123456789abcdef01234","amount":{"amount":42.35,"currency":"EUR"}}',
    )
    expect(request("10.5", "EUR").jsonText).toContain('"amount":10.50,')
    expect(request("1500", "JPY").jsonText).toContain('"amount":1500,')
    expect(request("1.25", "KWD").jsonText).toContain('"amount":1.250,')
  })

  it("references a capture when one is given, and refuses an amount that rounds to nothing", () => {
    const { jsonText, amount_minor, amount } = request("21.05", "EUR", "7000003")
    expect(JSON.parse(jsonText)).toEqual({
      requestId: "lr_0123456789abcdef0123456789abcdef01234",
      amount: { amount: 21.05, currency: "EUR" },
      transactionId: "7000003",
    })
    expect(amount_minor).toBe(2105)
    expect(amount).toBe("21.05")
    expect(() => request("0.004", "EUR")).toThrow(/rounds to nothing at Worldline/)
  })

  it("keeps every amount exact to the currency's exponent (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("EUR", "JPY", "KWD"),
        fc.integer({ min: 1, max: 10 ** 12 }),
        (currency, minor) => {
          const exponent = { EUR: 2, JPY: 0, KWD: 3 }[currency]!
          const digits = String(minor).padStart(exponent + 1, "0")
          const text = exponent
            ? `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`
            : digits
          const built = request(text, currency)
          expect(built.amount_minor).toBe(minor)
          const literal = /"amount":(\d+(?:\.\d+)?),"currency"/.exec(built.jsonText)![1]
          expect(literal).toBe(text)
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe("which transaction a refund references", () => {
  it("an order with one capture is refunded by order", () => {
    expect(refundTransactionFor(PAID_ONCE(), 1000)).toBeNull()
  })

  it("with several captures: the oldest whose unrefunded part covers the refund", () => {
    expect(refundTransactionFor(PAID_TWICE(), 4000)).toBe("7000002")
    expect(refundTransactionFor(PAID_TWICE(), 2105)).toBe("7000002")
    // 30.00 of the first capture is refunded already: 21.05 fits the second one only
    const partlyRefunded = PAID_TWICE([
      tx("7000004", "Credit", "Processed", 30, {
        referenceTransactionId: "7000002",
        requestId: "lr_a",
      }),
    ])
    expect(refundTransactionFor(partlyRefunded, 2105)).toBe("7000003")
    // a failed credit refunds nothing
    const declined = PAID_TWICE([
      tx("7000004", "Credit", "Declined", 30, {
        referenceTransactionId: "7000002",
        requestId: "lr_a",
      }),
    ])
    expect(refundTransactionFor(declined, 4000)).toBe("7000002")
  })

  it("by order when no single capture covers it", () => {
    expect(refundTransactionFor(PAID_TWICE(), 4001)).toBeNull()
  })
})
