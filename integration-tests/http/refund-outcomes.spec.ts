import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { MathBN } from "@medusajs/framework/utils"
import { adminHeaders } from "../support/admin-api"
import { orderSummary, paymentState } from "../support/payment-state"
import { receiveReturn, seedPaidOrder, SeededOrder } from "../support/seed-order"
import {
  lineRefundsOfOrder,
  medusaRefunds,
  notifyRefundsChanged,
  paymentCollections,
  paymentSessionId,
  refundReportsHandled,
} from "../support/refund-outcomes"
import { recordingGateway } from "../recording-provider/recorder"
import { reconcilePendingRefunds } from "../../src/jobs/reconcile-pending-refunds"

jest.setTimeout(120_000)

/**
 * Refund outcomes a gateway reports after the refund call: settled by webhook, failed and undone,
 * made in the gateway's dashboard, lost and found by reconciliation. Driven over Medusa's HTTP
 * API (admin routes, the real webhook route) with the recording provider at the gateway edge.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let admin: { headers: Record<string, string> }
    let order: SeededOrder
    let sessionId: string

    beforeEach(async () => {
      recordingGateway.reset()
      admin = await adminHeaders(getContainer())
      order = await seedPaidOrder(getContainer(), api, admin)
      sessionId = await paymentSessionId(getContainer(), order.paymentId)
    })

    const refundReturn = (returnId: string) =>
      api.post(`/admin/line-refunds/returns/${returnId}/refund`, {}, admin)
    const summary = () => orderSummary(api, admin, order.orderId)
    const state = async () => (await paymentState(getContainer(), order.paymentId)).state
    const notify = (times = 1) => notifyRefundsChanged(api, getContainer(), sessionId, times)
    /** everything a report could change: Medusa's refunds, the plugin's state, the order */
    const snapshot = async () => ({
      refunds: await medusaRefunds(getContainer(), order.paymentId),
      state: await state(),
      summary: await summary(),
      collections: await paymentCollections(api, admin, order.orderId),
    })

    it("settles a refund answered pending when the webhook reports it succeeded; a replay and a late pending change nothing", async () => {
      recordingGateway.answerRefundsPending()
      const returnId = await receiveReturn(api, admin, order.orderId, [
        { id: order.lines.mug, quantity: 2 },
      ])
      await refundReturn(returnId)
      const [sent] = recordingGateway.refunds
      const [refund] = await medusaRefunds(getContainer(), order.paymentId)
      expect((await state()).refunds[refund.id]).toMatchObject({
        status: "pending",
        gateway_reference: sent.reference,
      })

      recordingGateway.setRefundStatus(sent.reference, "succeeded")
      await notify()
      const settled = await snapshot()
      expect(settled.state.refunds[refund.id]).toMatchObject({
        status: "succeeded",
        status_changed_at: expect.any(String),
        gateway: { reported_status: "succeeded" },
      })
      expect(settled.summary.pending_difference).toBe(0)

      await notify() // the same notification again
      expect(await snapshot()).toEqual(settled)

      recordingGateway.setRefundStatus(sent.reference, "pending") // delivered out of order
      await notify()
      expect(await snapshot()).toEqual(settled)
      expect(recordingGateway.refunds).toHaveLength(1)
    })

    it("undoes a refund the gateway fails: the order owes again, the units are refundable again, the failure stays visible", async () => {
      recordingGateway.answerRefundsPending()
      const mugs = await receiveReturn(api, admin, order.orderId, [
        { id: order.lines.mug, quantity: 2 },
      ])
      const owedForMugs = -(await summary()).pending_difference
      expect(owedForMugs).toBeCloseTo(24.2, 10)
      await refundReturn(mugs)
      const [first] = recordingGateway.refunds
      const [refund] = await medusaRefunds(getContainer(), order.paymentId)
      expect((await summary()).pending_difference).toBe(0)
      // the order moves on while the refund is pending: another return is received
      await receiveReturn(api, admin, order.orderId, [{ id: order.lines.shirt, quantity: 1 }])
      const owedForShirt = -(await summary()).pending_difference
      expect(owedForShirt).toBeCloseTo(30.25, 10)

      recordingGateway.setRefundStatus(first.reference, "failed", "Insufficient merchant balance")
      await notify()

      expect(await medusaRefunds(getContainer(), order.paymentId)).toEqual([])
      const after = await summary()
      expect(MathBN.eq(after.pending_difference, -(owedForMugs + owedForShirt))).toBe(true)
      expect(after.refunded_total).toBe(0)
      expect((await paymentCollections(api, admin, order.orderId))[0].refunded_amount).toBe(0)
      const { state: afterState } = await paymentState(getContainer(), order.paymentId)
      expect(afterState.ledger.units).toEqual({ [order.lines.mug]: 0 })
      expect(afterState.refunds[refund.id]).toMatchObject({
        status: "failed",
        failure_reason: "Insufficient merchant balance",
      })
      const widget = await lineRefundsOfOrder(api, admin, order.orderId)
      expect(widget.returns.find((r) => r.id === mugs)).toMatchObject({
        amount_to_refund: "24.20",
        lines: [expect.objectContaining({ refunded: 0, to_refund: 2 })],
      })
      expect(widget.refunds).toEqual([
        expect.objectContaining({
          refund_id: refund.id,
          status: "failed",
          failure_reason: "Insufficient merchant balance",
        }),
      ])

      // refunding the same return again is a new refund at the gateway
      recordingGateway.answerRefundsPending(false)
      await refundReturn(mugs)
      expect(recordingGateway.refunds).toHaveLength(2)
      const second = recordingGateway.refunds[1]
      expect(second.lines).toEqual({ [order.lines.mug]: 2 })
      expect(second.reference).not.toBe(first.reference)
      expect((await summary()).pending_difference).toBeCloseTo(-owedForShirt, 10)
      expect((await state()).ledger.units).toEqual({ [order.lines.mug]: 2 })
    })

    it("reverses the credit line of a refund beyond what was owed when it fails", async () => {
      recordingGateway.answerRefundsPending()
      await receiveReturn(api, admin, order.orderId, [{ id: order.lines.mug, quantity: 1 }])
      const before = await summary()
      expect(before.pending_difference).toBeCloseTo(-12.1, 10)
      expect(before.credit_line_total).toBe(0)

      // 20 where 12.10 is owed: Medusa books the excess 7.90 as an order credit line
      await api.post(`/admin/payments/${order.paymentId}/refund`, { amount: 20 }, admin)
      expect((await summary()).pending_difference).toBe(0)

      recordingGateway.setRefundStatus(recordingGateway.refunds[0].reference, "failed", "Refused")
      await notify()

      const after = await summary()
      expect(after.pending_difference).toBeCloseTo(-12.1, 10)
      expect(after.refunded_total).toBe(0)
      const { data } = await api.get(
        `/admin/orders/${order.orderId}?fields=id,credit_line_total,credit_lines.*`,
        admin,
      )
      // the order's credit lines: Medusa's 7.90 and its reversal (the summary's own
      // credit_line_total holds only the latest order change's credit lines)
      expect(data.order.credit_line_total).toBe(0)
      expect(
        data.order.credit_lines.map((l: any) => [l.reference, Number(l.amount)]).sort(),
      ).toEqual([
        ["payment_collection", 7.9],
        ["refund_reversal", -7.9],
      ])
      expect(await medusaRefunds(getContainer(), order.paymentId)).toEqual([])
      expect((await paymentCollections(api, admin, order.orderId))[0].refunded_amount).toBe(0)

      // a replay does not reverse the credit line a second time
      const undone = await snapshot()
      await notify()
      expect(await snapshot()).toEqual(undone)
    })

    it("records a refund made in the gateway's dashboard, once, without calling the gateway", async () => {
      const dashboard = recordingGateway.makeDashboardRefund({
        session_id: sessionId,
        amount: "5.00",
        currency_code: "eur",
      })
      // more than the payment has left: Medusa refuses to book it, and nothing else changes
      const tooMuch = recordingGateway.makeDashboardRefund({
        session_id: sessionId,
        amount: "10000.00",
        currency_code: "eur",
      })
      await notify(2) // delivered twice

      const refunds = await medusaRefunds(getContainer(), order.paymentId)
      expect(refunds).toEqual([
        {
          id: expect.any(String),
          amount: 5,
          note: `Refunded in recording's dashboard (reference ${dashboard.reference})`,
        },
      ])
      expect((await state()).refunds[refunds[0].id]).toMatchObject({
        origin: "recorded",
        kind: "amount",
        status: "succeeded",
        gateway_reference: dashboard.reference,
        pending_difference_before: "0",
      })
      expect(recordingGateway.refunds).toEqual([])
      // nothing was owed: Medusa's own bookkeeping for such a refund is a credit line
      expect((await summary()).credit_line_total).toBe(5)

      const { plans, refunds: records } = await state()
      expect(Object.values(records).map((r) => r.gateway_reference)).toEqual([dashboard.reference])
      // the refused one's plan was retired, so no later refund can take it
      expect(
        Object.values(plans).filter((p) => p.refunded_at_gateway?.reference === tooMuch.reference),
      ).toEqual([expect.objectContaining({ status: "abandoned", amount: "10000" })])
    })

    it("records a refund whose answer was lost with its lines, when the gateway reports it", async () => {
      const returnId = await receiveReturn(api, admin, order.orderId, [
        { id: order.lines.book, quantity: 2 },
      ])
      recordingGateway.loseNextRefundResponse()
      const error = await refundReturn(returnId).catch((e: any) => e.response)
      expect(error.status).toBe(500)
      expect(await medusaRefunds(getContainer(), order.paymentId)).toEqual([])
      expect(recordingGateway.refunds).toHaveLength(1) // the gateway did refund

      await notify()

      const [refund] = await medusaRefunds(getContainer(), order.paymentId)
      expect(refund.note).toMatch(/whose answer was lost/)
      expect((await state()).refunds[refund.id]).toMatchObject({
        origin: "recorded",
        kind: "lines",
        lines: { [order.lines.book]: expect.objectContaining({ quantity: 2 }) },
      })
      expect((await state()).ledger.units).toEqual({ [order.lines.book]: 2 })
      expect((await summary()).pending_difference).toBe(0)
      expect(recordingGateway.refunds).toHaveLength(1)
    })

    it("reconciliation settles a pending refund whose webhook was lost", async () => {
      recordingGateway.answerRefundsPending()
      const returnId = await receiveReturn(api, admin, order.orderId, [
        { id: order.lines.shirt, quantity: 1 },
      ])
      await refundReturn(returnId)
      const [refund] = await medusaRefunds(getContainer(), order.paymentId)
      recordingGateway.setRefundStatus(recordingGateway.refunds[0].reference, "succeeded")

      // not pending long enough yet: the gateway is not asked
      expect(await reconcilePendingRefunds(getContainer())).toEqual({ asked: [], failed: [] })

      const handled = refundReportsHandled(getContainer())
      const later = new Date(Date.now() + 31 * 60_000)
      expect(await reconcilePendingRefunds(getContainer(), { now: later })).toEqual({
        asked: [order.paymentId],
        failed: [],
      })
      await handled
      expect((await state()).refunds[refund.id].status).toBe("succeeded")
      // settled refunds are not asked about again
      expect(await reconcilePendingRefunds(getContainer(), { now: later })).toEqual({
        asked: [],
        failed: [],
      })
    })
  },
})
