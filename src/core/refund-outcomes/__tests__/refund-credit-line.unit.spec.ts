import fc from "fast-check"
import { MathBN } from "@medusajs/framework/utils"
import { refundCreditLineAmount } from ".."

describe("refundCreditLineAmount", () => {
  it("is what Medusa turned into a credit line: the part of the refund nobody was owed", () => {
    expect(refundCreditLineAmount("25", "-25")).toBe("0") // refund of exactly what was owed
    expect(refundCreditLineAmount("20", "-12.1")).toBe("7.9") // beyond what was owed
    expect(refundCreditLineAmount("7.5", "0")).toBe("7.5") // nothing owed
    expect(refundCreditLineAmount("7.5", "3")).toBe("7.5") // the customer owed the store
    expect(refundCreditLineAmount("18.0895", "-18.0895")).toBe("0")
    expect(refundCreditLineAmount("5", null)).toBeNull() // unknown: never guessed
  })

  it("matches Medusa's rule for any amounts (property)", () => {
    const cents = fc.integer({ min: -100_000, max: 100_000 }).map((c) => MathBN.convert(c).div(100))
    fc.assert(
      fc.property(cents, cents, (pending, rawAmount) => {
        const amount = rawAmount.abs().plus("0.01")
        // refundPaymentWorkflow: owed = -pending when pending < 0; credit = max(0, amount - owed)
        const medusa = pending.lt(0) ? MathBN.max(MathBN.sub(amount, pending.negated()), 0) : amount
        const ours = refundCreditLineAmount(amount.toFixed(), pending.toFixed())
        return MathBN.eq(ours!, medusa)
      }),
    )
  })
})
