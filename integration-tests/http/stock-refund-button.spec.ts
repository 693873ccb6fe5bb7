import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminHeaders } from "../support/admin-api"
import { orderSummary, paymentState } from "../support/payment-state"
import { receiveReturn, seedPaidOrder, SeededOrder } from "../support/seed-order"
import { recordingGateway } from "../recording-provider/recorder"
import { orderedPlanParts } from "../../src/core/refund-plan"
import { toMinorUnits } from "../../src/core/money"
import { checkRefundInputsAfterEachTest } from "../support/refund-inputs-agree"

jest.setTimeout(240_000)

/**
 * The stock admin Refund button (POST /admin/payments/:id/refund) and the plugin's own
 * "refund this return" route, driven over HTTP as the admin dashboard does.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    checkRefundInputsAfterEachTest(getContainer)
    let admin: { headers: Record<string, string> }
    let order: SeededOrder

    beforeEach(async () => {
      recordingGateway.reset()
      admin = await adminHeaders(getContainer())
      order = await seedPaidOrder(getContainer(), api, admin)
    })

    const refund = (amount: number) =>
      api.post(`/admin/payments/${order.paymentId}/refund`, { amount }, admin)
    const owed = async () => -(await orderSummary(api, admin, order.orderId)).pending_difference

    it("refunds a received return's exact lines, for what Medusa says is owed", async () => {
      await receiveReturn(api, admin, order.orderId, [
        { id: order.lines.shirt, quantity: 1 }, // tax-exclusive
        { id: order.lines.mug, quantity: 2 }, // tax-inclusive
        { id: order.lines.book, quantity: 1 }, // discounted
      ])
      const amount = await owed()
      // 25 × 1.21 + 2 × 12.10 + (40 − 10/2) × 1.09
      expect(amount).toBeCloseTo(92.6, 10)

      await refund(amount)

      expect(recordingGateway.refunds).toHaveLength(1)
      const [sent] = recordingGateway.refunds
      expect(sent.amount).toBe("92.6")
      expect(sent.lines).toEqual({
        [order.lines.shirt]: 1,
        [order.lines.mug]: 2,
        [order.lines.book]: 1,
      })
      expect(sent.shipping).toEqual([])

      const { state, refunds, entries, ledger } = await paymentState(
        getContainer(),
        order.paymentId,
      )
      const plan = state.plans[sent.plan_id!]
      // the plan amount is what Medusa owed, and its line totals add up to it exactly
      expect(plan.amount).toBe("92.60")
      const lines = orderedPlanParts(plan).lines
      expect(lines.map((l) => l.position)).toEqual([...lines.map((l) => l.position)].sort())
      expect(
        lines.map((l) => [l.title, l.quantity, l.total, l.tax_rate, l.discount_total]),
      ).toEqual(
        expect.arrayContaining([
          ["Shirt", 1, "30.25", "21", "0"],
          ["Mug", 2, "24.20", "21", "0"],
          ["Book", 1, "38.15", "9", "5.45"],
        ]),
      )
      expect(lines.reduce((sum, l) => sum + toMinorUnits(l.total, "eur"), 0)).toBe(9260)
      expect(plan.lines[order.lines.mug]).toMatchObject({
        unit_price_incl_tax: "12.1",
        unit_price_excl_tax: "10",
      })
      expect(plan.status).toBe("consumed")
      expect(ledger.units).toEqual({
        [order.lines.shirt]: 1,
        [order.lines.mug]: 2,
        [order.lines.book]: 1,
      })
      // the ledger's entry, with the units it paid for, one group per line of the return
      expect(entries).toEqual([
        expect.objectContaining({
          refund_id: refunds[0].id,
          kind: "lines",
          source: "admin_refund",
          status: "succeeded",
          amount: "92.6",
          idempotency_key: sent.idempotency_key,
          pending_difference_before: "-92.6",
          // a real refund at the gateway, not an idempotent replay of an earlier one
          gateway: { reference: sent.idempotency_key, replayed: false },
        }),
      ])
      expect(entries[0].units.map((u) => [u.title, u.quantity, u.amount])).toEqual(
        expect.arrayContaining([
          ["Shirt", 1, "30.25"],
          ["Mug", 2, "24.2"],
          ["Book", 1, "38.15"],
        ]),
      )
      expect((await orderSummary(api, admin, order.orderId)).pending_difference).toBe(0)
    })

    it("refunds a second return's last unit alone, and the shipping with it when the amount includes it", async () => {
      await receiveReturn(api, admin, order.orderId, [{ id: order.lines.shirt, quantity: 1 }])
      await refund(await owed())
      await receiveReturn(api, admin, order.orderId, [{ id: order.lines.shirt, quantity: 1 }])
      const shipping = 4.95 * 1.21 // 5.9895, Medusa's shipping total
      await refund(Number(((await owed()) + shipping).toFixed(2)))

      expect(recordingGateway.refunds.map((r) => r.lines)).toEqual([
        { [order.lines.shirt]: 1 },
        { [order.lines.shirt]: 1 },
      ])
      expect(recordingGateway.refunds[1]).toMatchObject({
        amount: "36.24",
        shipping: [order.shippingMethodId],
      })
      const { ledger } = await paymentState(getContainer(), order.paymentId)
      expect(ledger.units).toEqual({ [order.lines.shirt]: 2 })
      expect(ledger.shipping).toEqual({ [order.shippingMethodId]: "5.9895" })
    })

    it("makes a goodwill refund with no return an amount-only refund", async () => {
      await refund(7.5)
      expect(recordingGateway.refunds).toEqual([
        expect.objectContaining({ amount: "7.5", lines: {}, shipping: [] }),
      ])
      const summary = await orderSummary(api, admin, order.orderId)
      expect(summary.credit_line_total).toBe(7.5) // Medusa's own bookkeeping for a refund nobody was owed
    })

    it("refuses more than the payment has left to refund before writing anything, and takes exactly what is left", async () => {
      await refund(7.5)
      const {
        data: [payment],
      } = await getContainer()
        .resolve(ContainerRegistrationKeys.QUERY)
        .graph({
          entity: "payment",
          fields: ["captures.raw_amount"],
          filters: { id: order.paymentId },
        })
      const capturedMinor = (payment as any).captures.reduce(
        (sum: number, c: any) => sum + toMinorUnits(String(c.raw_amount.value), "eur"),
        0,
      )
      const leftMinor = capturedMinor - 750
      const before = await paymentState(getContainer(), order.paymentId)

      const error = await refund((leftMinor + 1) / 100).catch((e: any) => e.response)
      expect(error.status).toBe(400)
      expect(error.data.message).toBe(
        `${((leftMinor + 1) / 100).toFixed(2)} EUR is more than this payment has left to refund (${(leftMinor / 100).toFixed(2)} EUR: what was captured minus what was refunded), so nothing was refunded. Enter at most ${(leftMinor / 100).toFixed(2)} EUR.`,
      )
      // nothing written: no plan in payment.data, no ledger claim, nothing sent
      expect(await paymentState(getContainer(), order.paymentId)).toEqual(before)
      expect(recordingGateway.refunds).toHaveLength(1)

      await refund(leftMinor / 100)
      expect(recordingGateway.refunds).toHaveLength(2)
      const { refunds } = await paymentState(getContainer(), order.paymentId)
      expect(refunds.reduce((sum, r) => sum + toMinorUnits(String(r.amount), "eur"), 0)).toBe(
        capturedMinor,
      )
    })

    it("does not refund a received return twice when two refunds race", async () => {
      await receiveReturn(api, admin, order.orderId, [{ id: order.lines.mug, quantity: 3 }])
      const amount = await owed()
      const results = await Promise.allSettled([refund(amount), refund(amount)])

      const fulfilled = results.filter((r) => r.status === "fulfilled")
      const rejected = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[]
      expect(fulfilled).toHaveLength(1)
      expect(rejected).toHaveLength(1)
      expect(rejected[0].reason.response.status).toBe(400)
      expect(rejected[0].reason.response.data.message).toMatch(
        /^The same amount was refunded on this payment (just now|\d+ seconds? ago) \(36\.30 EUR\), and no received return is left to refund/,
      )

      expect(recordingGateway.refunds).toHaveLength(1)
      expect(recordingGateway.refunds[0].lines).toEqual({ [order.lines.mug]: 3 })
      const { ledger, refunds } = await paymentState(getContainer(), order.paymentId)
      expect(refunds).toHaveLength(1)
      expect(ledger.units).toEqual({ [order.lines.mug]: 3 })
    })

    it("refuses to repeat a goodwill refund of the same amount within the window", async () => {
      await refund(10)
      const error = await refund(10).catch((e: any) => e.response)
      expect(error.status).toBe(400)
      expect(error.data.message).toMatch(
        /^The same amount was refunded on this payment (just now|\d+ seconds? ago) \(10\.00 EUR\), .* Refund again only if you mean a second refund: try again in 2 minutes\.$/,
      )
      expect(recordingGateway.refunds).toHaveLength(1)
      await refund(11) // a different amount is a different refund
      expect(recordingGateway.refunds).toHaveLength(2)
    })

    it("keeps no refund and no consumed plan when the gateway fails, and the retry refunds once", async () => {
      await receiveReturn(api, admin, order.orderId, [{ id: order.lines.book, quantity: 2 }])
      const amount = await owed()
      recordingGateway.failNextRefund("gateway unavailable")

      const error = await refund(amount).catch((e: any) => e.response)
      expect(error.status).toBe(500)
      expect(error.data.message).toBe("Recording gateway: gateway unavailable")
      let { state, refunds, entries, ledger } = await paymentState(getContainer(), order.paymentId)
      expect(refunds).toEqual([])
      expect(entries).toEqual([]) // a definite failure leaves nothing in the ledger
      // the plan was not consumed; it is retired so no other refund of this amount can take it
      const failedPlan = Object.values(state.plans)[0]
      expect(failedPlan.status).toBe("abandoned")
      expect(ledger.units).toEqual({})
      expect(recordingGateway.refunds).toEqual([])

      await refund(amount)
      ;({ state, refunds, entries } = await paymentState(getContainer(), order.paymentId))
      expect(entries).toEqual([expect.objectContaining({ status: "succeeded" })])
      expect(refunds).toHaveLength(1)
      expect(recordingGateway.refunds).toHaveLength(1)
      expect(recordingGateway.refunds[0].lines).toEqual({ [order.lines.book]: 2 })
      // the retry is the same logical refund: the gateway sees the same idempotency key
      expect(recordingGateway.refunds[0].idempotency_key).toBe(failedPlan.idempotency_key)
      expect(state.plans[failedPlan.id].status).toBe("abandoned")
    })

    it("counts units received damaged once, as Medusa does", async () => {
      const returnId = await receiveReturn(
        api,
        admin,
        order.orderId,
        [{ id: order.lines.mug, quantity: 2 }],
        {
          damaged: [{ id: order.lines.mug, quantity: 1 }],
        },
      )
      const amount = await owed()
      expect(amount).toBeCloseTo(24.2, 10)
      const { data } = await api.post(`/admin/line-refunds/returns/${returnId}/refund`, {}, admin)
      expect(data.refund_plan.lines[order.lines.mug]).toMatchObject({ quantity: 2, total: "24.20" })
      expect(recordingGateway.refunds[0].lines).toEqual({ [order.lines.mug]: 2 })
      expect((await orderSummary(api, admin, order.orderId)).pending_difference).toBe(0)
    })

    it("refunds one return explicitly through the plugin's route, with its shipping", async () => {
      const first = await receiveReturn(api, admin, order.orderId, [
        { id: order.lines.shirt, quantity: 2 },
      ])
      const second = await receiveReturn(api, admin, order.orderId, [
        { id: order.lines.mug, quantity: 1 },
      ])

      const { data } = await api.post(
        `/admin/line-refunds/returns/${second}/refund`,
        { include_shipping: true },
        admin,
      )
      expect(data.refund_plan).toMatchObject({ amount: "18.09", return_ids: { [second]: true } })
      expect(recordingGateway.refunds[0]).toMatchObject({
        lines: { [order.lines.mug]: 1 },
        shipping: [order.shippingMethodId],
      })

      const again = await api
        .post(`/admin/line-refunds/returns/${second}/refund`, {}, admin)
        .catch((e: any) => e.response)
      expect(again.status).toBe(400)
      expect(again.data.message).toMatch(
        /^Return #\d+ is refunded already: nothing received is left to refund\.$/,
      )

      // what the order page widget shows before the first return is refunded
      const { data: widget } = await api.get(`/admin/line-refunds/orders/${order.orderId}`, admin)
      expect(widget.returns).toEqual([
        expect.objectContaining({
          id: first,
          amount_to_refund: "60.50",
          lines: [
            {
              line_item_id: order.lines.shirt,
              title: "Shirt",
              received: 2,
              refunded: 0,
              in_doubt: 0,
              to_refund: 2,
              amount_refunded: "0",
              amount_to_refund: "60.50",
            },
          ],
        }),
        expect.objectContaining({
          id: second,
          amount_to_refund: null,
          lines: [
            {
              line_item_id: order.lines.mug,
              title: "Mug",
              received: 1,
              refunded: 1,
              in_doubt: 0,
              to_refund: 0,
              amount_refunded: "12.1",
              amount_to_refund: "0",
            },
          ],
        }),
      ])
      // Medusa books the exact owed amount (12.10 + 5.9895); the gateway refunds 18.09
      expect(widget.refunds).toEqual([
        expect.objectContaining({ kind: "lines", amount: "18.0895", status: "succeeded" }),
      ])

      await api.post(`/admin/line-refunds/returns/${first}/refund`, {}, admin)
      expect(recordingGateway.refunds[1].lines).toEqual({ [order.lines.shirt]: 2 })
      // everything returned is refunded, to the exact amount; the shipping went beyond what the
      // returns owed, which Medusa books as a credit line
      const summary = await orderSummary(api, admin, order.orderId)
      expect(summary.pending_difference).toBe(0)
      expect(summary.credit_line_total).toBeCloseTo(5.9895, 10)
    })
  },
})
