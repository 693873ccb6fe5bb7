import fc from "fast-check"
import { GatewayError } from "../../../gateway-kit"
import { PaymentLeft, splitAcrossPayments } from "../refunds/split-across-payments"

const pay = (id: string, amount: number, refunded = 0, created_at = 0): PaymentLeft => ({
  payment_id: id,
  amount,
  refunded,
  created_at,
})

describe("a refund split across an order's payments", () => {
  it("takes the oldest payment first, each up to what is left on it", () => {
    const payments = [pay("p_new", 5000, 0, 20), pay("p_old", 3000, 1000, 10)]
    expect(splitAcrossPayments(payments, 2000)).toEqual([{ payment_id: "p_old", amount: 2000 }])
    expect(splitAcrossPayments(payments, 4500)).toEqual([
      { payment_id: "p_old", amount: 2000 },
      { payment_id: "p_new", amount: 2500 },
    ])
  })

  it("refuses more than the order has left before anything is sent", () => {
    const run = () => splitAcrossPayments([pay("p1", 1000, 400)], 700)
    expect(run).toThrow(GatewayError)
    expect(run).toThrow("only 600 JPY is left to refund")
  })

  it("always sums to the refund, never over a payment's rest, oldest first", () => {
    const payments = fc
      .array(
        fc.record({
          amount: fc.integer({ min: 1, max: 200_000 }),
          refundedShare: fc.integer({ min: 0, max: 100 }),
          created: fc.integer({ min: 0, max: 1_000 }),
        }),
        { minLength: 1, maxLength: 6 },
      )
      .map((list) =>
        list.map((p, i) =>
          pay(`p${i}`, p.amount, Math.floor((p.amount * p.refundedShare) / 100), p.created),
        ),
      )
    fc.assert(
      fc.property(payments, fc.integer({ min: 1, max: 1_200_000 }), (list, asked) => {
        const left = list.reduce((s, p) => s + p.amount - p.refunded, 0)
        if (asked > left) {
          expect(() => splitAcrossPayments(list, asked)).toThrow(GatewayError)
          return true
        }
        const parts = splitAcrossPayments(list, asked)
        const byId = new Map(list.map((p) => [p.payment_id, p]))
        const sum = parts.reduce((s, p) => s + p.amount, 0)
        const within = parts.every((p) => {
          const payment = byId.get(p.payment_id)!
          return p.amount > 0 && p.amount <= payment.amount - payment.refunded
        })
        // every payment before the last one used is used up (oldest first)
        const order = parts.map((p) => byId.get(p.payment_id)!)
        const usedUp = order.slice(0, -1).every((p, i) => parts[i].amount === p.amount - p.refunded)
        const sorted = order.every(
          (p, i) => i === 0 || (order[i - 1].created_at ?? 0) <= (p.created_at ?? 0),
        )
        return (
          sum === asked &&
          within &&
          usedUp &&
          sorted &&
          new Set(parts.map((p) => p.payment_id)).size === parts.length
        )
      }),
      { numRuns: 1000 },
    )
  })
})
