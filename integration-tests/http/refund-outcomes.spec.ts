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
import { refundPaymentWorkflow } from "@medusajs/medusa/core-flows"
import { waitFor } from "../support/gateway-suite"
import { checkRefundInputsAfterEachTest } from "../support/refund-inputs-agree"

jest.setTimeout(120_000)

// A short in-doubt window for the recording gateway, so that "never made" can be seen in a test.
// medusa-config.ts reads it when the runner loads it, before the runner's own `env` applies.
const IN_DOUBT_WINDOW_SECONDS = 4
const previousWindow = process.env.RECORDING_IN_DOUBT_WINDOW_SECONDS
process.env.RECORDING_IN_DOUBT_WINDOW_SECONDS = String(IN_DOUBT_WINDOW_SECONDS)
afterAll(() => {
  if (previousWindow === undefined) delete process.env.RECORDING_IN_DOUBT_WINDOW_SECONDS
  else process.env.RECORDING_IN_DOUBT_WINDOW_SECONDS = previousWindow
})

/**
 * Refund outcomes a gateway reports after the refund call: settled by webhook, failed and undone,
 * made in the gateway's dashboard, lost and found by reconciliation. Driven over Medusa's HTTP
 * API (admin routes, the real webhook route) with the recording provider at the gateway edge.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    checkRefundInputsAfterEachTest(getContainer)
    let admin: { headers: Record<string, string> }
    let order: SeededOrder
    let sessionId: string

    beforeEach(async () => {
      recordingGateway.reset()
      admin = await adminHeaders(getContainer())
      order = await seedPaidOrder(getContainer(), api, admin)
      sessionId = await paymentSessionId(getContainer(), order.paymentId)
    })

    const refundReturn = (returnId: string, body: Record<string, unknown> = {}) =>
      api.post(`/admin/line-refunds/returns/${returnId}/refund`, body, admin)
    const summary = () => orderSummary(api, admin, order.orderId)
    const state = () => paymentState(getContainer(), order.paymentId)
    const entry = async (refundId: string) =>
      (await state()).entries.find((e) => e.refund_id === refundId)
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
      expect(await entry(refund.id)).toMatchObject({
        status: "pending",
        gateway_reference: sent.reference,
      })

      recordingGateway.setRefundStatus(sent.reference, "succeeded")
      await notify()
      const settled = await snapshot()
      expect(settled.state.entries.find((e) => e.refund_id === refund.id)).toMatchObject({
        status: "succeeded",
        status_changed_at: expect.any(String),
        gateway: expect.objectContaining({ reported_status: "succeeded" }),
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
      const afterState = await state()
      expect(afterState.ledger.units).toEqual({}) // the units are released
      expect(await entry(refund.id)).toMatchObject({
        status: "failed",
        failure_reason: "Insufficient merchant balance",
        // the entry keeps what it was for, so staff see which lines failed
        units: [expect.objectContaining({ line_item_id: order.lines.mug, quantity: 2 })],
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
      expect(await entry(refunds[0].id)).toMatchObject({
        source: "gateway_report",
        kind: "amount",
        status: "succeeded",
        gateway_reference: dashboard.reference,
        pending_difference_before: "0",
      })
      expect((await state()).state.refunds[refunds[0].id]).toMatchObject({ origin: "recorded" })
      expect(recordingGateway.refunds).toEqual([])
      // nothing was owed: Medusa's own bookkeeping for such a refund is a credit line
      expect((await summary()).credit_line_total).toBe(5)

      const {
        state: { plans },
        entries,
      } = await state()
      expect(entries.map((e) => e.gateway_reference)).toEqual([dashboard.reference])
      // the refused one's plan was retired, so no later refund can take it
      expect(
        Object.values(plans).filter((p) => p.refunded_at_gateway?.reference === tooMuch.reference),
      ).toEqual([expect.objectContaining({ status: "abandoned", amount: "10000" })])
    })

    it("a refund whose answer was lost is in doubt: staff are told, other refunds of its units wait, and the gateway's report books it with its lines", async () => {
      const returnId = await receiveReturn(api, admin, order.orderId, [
        { id: order.lines.book, quantity: 2 },
      ])
      recordingGateway.loseNextRefundResponse()
      const error = await refundReturn(returnId).catch((e: any) => e.response)
      expect(error.status).toBe(409)
      expect(error.data).toMatchObject({ code: "line_refunds.outcome_unknown" })
      expect(error.data.message).toMatch(
        /^Recording gateway may have made this refund, but its answer was lost\. Nothing is booked yet; do not refund again — the order page will show the refund once Recording gateway confirms it, or release it if Recording gateway never made it\. \(connection reset after the refund was sent/,
      )
      expect(await medusaRefunds(getContainer(), order.paymentId)).toEqual([])
      expect(recordingGateway.refunds).toHaveLength(1) // the gateway did refund
      const [doubtful] = (await state()).entries
      expect(doubtful).toMatchObject({
        status: "in_doubt",
        refund_id: null,
        doubt_reason: expect.stringMatching(/answer was lost/),
        units: [expect.objectContaining({ line_item_id: order.lines.book, quantity: 2 })],
      })
      const widget = await lineRefundsOfOrder(api, admin, order.orderId)
      expect(widget.returns[0]).toMatchObject({
        amount_to_refund: null,
        lines: [expect.objectContaining({ in_doubt: 2, refunded: 0, to_refund: 0 })],
      })
      // another refund of the same units (here: with the shipping) waits until it is resolved
      const other = await refundReturn(returnId, { include_shipping: true }).catch(
        (e: any) => e.response,
      )
      expect(other.status).toBe(409)
      expect(other.data.message).toMatch(
        /^An earlier refund of 76\.30 EUR on this payment may have been made, but the gateway's answer was lost, so nothing was refunded now\. Wait until the order page shows that refund as made or released/,
      )

      await notify()

      const [refund] = await medusaRefunds(getContainer(), order.paymentId)
      expect(refund.note).toMatch(/whose answer was lost/)
      expect((await state()).entries).toEqual([
        expect.objectContaining({
          id: doubtful.id,
          refund_id: refund.id,
          status: "succeeded",
          kind: "lines",
          doubt_reason: null,
        }),
      ])
      expect((await state()).ledger.units).toEqual({ [order.lines.book]: 2 })
      expect((await summary()).pending_difference).toBe(0)
      expect(recordingGateway.refunds).toHaveLength(1)
    })

    it("staff retrying a refund in doubt retry the same refund: the gateway is asked by its key and it is booked once", async () => {
      const returnId = await receiveReturn(api, admin, order.orderId, [
        { id: order.lines.mug, quantity: 1 },
      ])
      recordingGateway.loseNextRefundResponse()
      expect((await refundReturn(returnId).catch((e: any) => e.response)).status).toBe(409)
      // the stock button for what is owed is the same refund (same lines, same key)
      const owed = -(await summary()).pending_difference
      await api.post(`/admin/payments/${order.paymentId}/refund`, { amount: owed }, admin)
      const { entries, refunds } = await state()
      expect(refunds).toHaveLength(1)
      expect(entries).toEqual([
        expect.objectContaining({ status: "succeeded", refund_id: refunds[0].id }),
      ])
      expect(recordingGateway.refunds).toHaveLength(1)
    })

    it("a refund in doubt the gateway never made is released after its window, and then refunded once", async () => {
      const returnId = await receiveReturn(api, admin, order.orderId, [
        { id: order.lines.shirt, quantity: 2 },
      ])
      recordingGateway.loseNextRefundRequest()
      expect((await refundReturn(returnId).catch((e: any) => e.response)).status).toBe(409)
      expect(recordingGateway.refunds).toHaveLength(0)
      // within the window a retry only asks the gateway: the first attempt may still arrive
      const early = await refundReturn(returnId).catch((e: any) => e.response)
      expect(early.status).toBe(409)
      expect(early.data.message).toMatch(
        /shows no refund under key lr_\w+ yet, \d+ s after the first attempt/,
      )
      expect(recordingGateway.refunds).toHaveLength(0)

      await new Promise((resolve) => setTimeout(resolve, IN_DOUBT_WINDOW_SECONDS * 1000))
      const handled = refundReportsHandled(getContainer())
      // in doubt: asked about at once, whatever reconcilePendingAfterMinutes says
      expect((await reconcilePendingRefunds(getContainer())).asked).toEqual([order.paymentId])
      await handled
      const [released] = (await state()).entries
      expect(released).toMatchObject({
        status: "released",
        failure_reason: expect.stringMatching(
          /shows no refund under key lr_\w+ \d+ s after it was sent: it was never made/,
        ),
      })
      expect(
        (await lineRefundsOfOrder(api, admin, order.orderId)).returns[0].amount_to_refund,
      ).toBe("60.50")

      await refundReturn(returnId)
      const { entries, refunds } = await state()
      expect(refunds).toHaveLength(1)
      expect(entries.map((e) => e.status)).toEqual(["released", "succeeded"])
      // the same logical refund: the gateway saw the key of the lost request
      expect(recordingGateway.refunds).toEqual([
        expect.objectContaining({ idempotency_key: released.idempotency_key }),
      ])
    })

    it("a refund made outside the plugin gets its ledger entry, and the gateway's report settles it without booking it again", async () => {
      recordingGateway.answerRefundsPending()
      // a store's own code refunding through Medusa's workflow, as an order cancellation does
      await refundPaymentWorkflow(getContainer()).run({
        input: { payment_id: order.paymentId, amount: 5 },
      })
      const [refund] = await medusaRefunds(getContainer(), order.paymentId)
      const external = await waitFor("the outside refund's ledger entry", () => entry(refund.id))
      expect(external).toMatchObject({
        source: "external",
        kind: "amount",
        status: "pending",
        amount: "5",
        gateway_reference: recordingGateway.refunds[0].reference,
      })
      recordingGateway.setRefundStatus(recordingGateway.refunds[0].reference, "succeeded")
      await notify()
      expect(await medusaRefunds(getContainer(), order.paymentId)).toHaveLength(1)
      expect((await state()).entries).toEqual([
        expect.objectContaining({ id: external.id, status: "succeeded" }),
      ])
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
      expect((await entry(refund.id))?.status).toBe("succeeded")
      // settled refunds are not asked about again
      expect(await reconcilePendingRefunds(getContainer(), { now: later })).toEqual({
        asked: [],
        failed: [],
      })
    })
  },
})
