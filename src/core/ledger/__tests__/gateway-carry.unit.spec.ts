import fc from "fast-check"
import { gatewayRoundingCarry, LedgerRefund, LedgerStatus } from ".."
import { RefundIntent } from "../../provider-refunds"
import { decimalString, fromMinorUnits, toDecimal } from "../../money"
import { gatewayAmountMinor } from "../../../gateway-kit/gateway-amount"
import { amountOnlyIntent } from "../../provider-refunds/__fixtures__/refund-intent"
import { writtenEntry } from "./ledger-fixtures"

function entry(
  amount: string,
  gatewayAmount: string | null,
  overrides: Partial<LedgerRefund> = {},
): LedgerRefund {
  return writtenEntry({
    payment_id: "pay_1",
    order_id: "order_1",
    provider_id: "pp_acme_acme",
    refund_id: "ref_1",
    idempotency_key: `lr_${amount}`,
    return_ids: [],
    kind: "amount",
    source: "admin_refund",
    status: "succeeded",
    amount,
    currency_code: "eur",
    gateway_amount: gatewayAmount,
    gateway_reference: null,
    plan_id: null,
    pending_difference_before: null,
    note: null,
    gateway: null,
    units: [],
    ...overrides,
  })
}

/** An intent of `amount` carrying `carry`, as planForRequest stores it. */
function intentWithCarry(amount: string, carry: string): RefundIntent {
  const intent = amountOnlyIntent(amount)
  return {
    ...intent,
    plan: {
      id: "lrplan_1",
      status: "open",
      source: "admin_refund",
      payment_id: "pay_1",
      created_at: new Date(0).toISOString(),
      idempotency_key: intent.idempotency_key,
      pending_difference_before: null,
      order_id: "order_1",
      currency_code: "eur",
      amount,
      amount_exact: amount,
      return_ids: {},
      labels: { order: null, returns: {} },
      lines: {},
      shipping: {},
      gateway_carry: carry,
    },
  }
}

describe("gatewayRoundingCarry", () => {
  it("sums Medusa's amount minus the gateway's over the payment's live refunds", () => {
    const carry = gatewayRoundingCarry(
      [entry("29.282", "29.28"), entry("10.005", "10.01"), entry("5", null)],
      "pay_1",
    )
    expect(carry).toBe("-0.003")
  })

  it.each<LedgerStatus>(["failed", "released"])("leaves out %s refunds", (status) => {
    expect(gatewayRoundingCarry([entry("29.282", "29.28", { status })], "pay_1")).toBe("0")
  })

  it("leaves out other payments and the refund being retried", () => {
    const entries = [
      entry("29.282", "29.28", { payment_id: "pay_2" }),
      entry("1.004", null, { status: "in_doubt", idempotency_key: "lr_retry" }),
    ]
    expect(gatewayRoundingCarry(entries, "pay_1", { excludeKey: "lr_retry" })).toBe("0")
    expect(gatewayRoundingCarry(entries, "pay_1")).toBe("0.004")
  })

  it("counts a refund in doubt as what it asked for: its amount plus its plan's carry, rounded", () => {
    // A sent 10.00 for 10.004; B, in doubt, sent 10.01 (10.004 + 0.004): C carries 0.008 − 0.01
    const entries = [
      entry("10.004", "10.00", { idempotency_key: "lr_a" }),
      entry("10.004", null, { status: "in_doubt", idempotency_key: "lr_b", plan_id: "lrplan_b" }),
    ]
    const carryOfPlan = (id: string) => (id === "lrplan_b" ? "0.004" : null)
    expect(gatewayRoundingCarry(entries, "pay_1", { carryOfPlan })).toBe("-0.002")
    expect(gatewayRoundingCarry(entries, "pay_1")).toBe("0.008")
  })

  it("reads an unknown gateway amount as Medusa's amount rounded to the currency", () => {
    expect(gatewayRoundingCarry([entry("12.345", null)], "pay_1")).toBe("-0.005")
    expect(gatewayRoundingCarry([entry("1.0004", null, { currency_code: "kwd" })], "pay_1")).toBe(
      "0.0004",
    )
  })

  it("keeps the gateway's running total within half a minor unit of Medusa's, exact at the end", () => {
    // Medusa's refunds of a 100.00 payment in fractions (what line refunds book), the last one
    // whatever is left; each sent as gatewayAmountMinor with the carry of those before.
    const fractions = fc.array(fc.integer({ min: 1, max: 999_999 }), { minLength: 1, maxLength: 8 })
    fc.assert(
      fc.property(fractions, (parts) => {
        const total = toDecimal("100")
        const weights = parts.reduce((sum, p) => sum + p, 0)
        let medusa = toDecimal(0)
        let gatewayMinor = 0
        const entries: LedgerRefund[] = []
        parts.forEach((part, index) => {
          const last = index === parts.length - 1
          const amount = last
            ? total.minus(medusa)
            : total
                .times(part)
                .div(weights * 2)
                .decimalPlaces(4)
          const carry = gatewayRoundingCarry(entries, "pay_1")
          const sentMinor = gatewayAmountMinor(intentWithCarry(decimalString(amount), carry), "eur")
          medusa = medusa.plus(amount)
          gatewayMinor += sentMinor
          entries.push(
            entry(decimalString(amount), fromMinorUnits(sentMinor, "eur"), {
              idempotency_key: `lr_${index}`,
            }),
          )
          const gap = toDecimal(fromMinorUnits(gatewayMinor, "eur")).minus(medusa).abs()
          expect(gap.lte("0.005")).toBe(true)
        })
        expect(fromMinorUnits(gatewayMinor, "eur")).toBe("100.00")
      }),
    )
  })
})
