import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminHeaders } from "../support/admin-api"
import { orderSummary, paymentState } from "../support/payment-state"
import { seedStorefront, Storefront } from "../support/storefront-seed"
import { refundReportsHandled } from "../support/refund-outcomes"
import { MSP, multiSafepayShop, useMultiSafepaySandbox } from "../support/multisafepay-suite"
import { reconcilePendingRefunds } from "../../src/jobs/reconcile-pending-refunds"

jest.setTimeout(300_000)

const { sandbox } = useMultiSafepaySandbox()

/**
 * What MultiSafepay reports after a refund was asked for: its signed notifications (and, when one
 * is lost, the reconciliation job) settle the refund in Medusa, undo a failed one so the order
 * owes the customer again, and record refunds made in MultiSafepay's dashboard.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let admin: { headers: Record<string, string> }
    let store: Storefront
    const shop = multiSafepayShop({ api, getContainer, sandbox, context: () => ({ admin, store }) })

    beforeEach(async () => {
      sandbox().control.reset()
      admin = await adminHeaders(getContainer())
      store = await seedStorefront(getContainer(), { paymentProviders: [MSP.any, MSP.klarna] })
    })

    /** A Klarna order, captured, with one shirt returned and refunded (pending at MultiSafepay). */
    async function pendingRefund() {
      const placed = await shop.placedOrder(MSP.klarna)
      await api.post(`/admin/payments/${placed.paymentId}/capture`, {}, admin)
      const { amount, error } = await shop.refundReturn(placed, [
        { id: placed.lines.Shirt, quantity: 1 },
      ])
      expect(error).toBeNull()
      const [mspRefund] = shop.mspRefunds(placed.mspOrderId)
      const { refunds, entries } = await paymentState(getContainer(), placed.paymentId)
      expect(entries).toEqual([
        expect.objectContaining({ refund_id: refunds[0].id, status: "pending" }),
      ])
      return { placed, amount, mspRefund, refundId: refunds[0].id }
    }

    /** Lets MultiSafepay notify (signed, through Medusa's real webhook route) and waits for it. */
    async function notified(mspOrderId: string, count = 1) {
      const handled = refundReportsHandled(getContainer(), count)
      for (let i = 0; i < count; i++) await sandbox().control.notify(mspOrderId)
      await handled
    }

    it("a refund MultiSafepay completes later is settled as succeeded; a replayed notification changes nothing", async () => {
      const { placed, mspRefund, refundId } = await pendingRefund()
      sandbox().control.completeRefund(placed.mspOrderId, mspRefund.transaction_id)
      await notified(placed.mspOrderId)

      const after = await paymentState(getContainer(), placed.paymentId)
      expect(after.entries.find((e) => e.refund_id === refundId)).toMatchObject({
        status: "succeeded",
        gateway_reference: String(mspRefund.transaction_id),
      })
      await notified(placed.mspOrderId, 2)
      expect(await paymentState(getContainer(), placed.paymentId)).toEqual(after)
      expect(shop.refundRequests()).toHaveLength(1)
    })

    it("a refund MultiSafepay declines is undone: the order owes the customer again and can be refunded anew", async () => {
      const { placed, amount, mspRefund, refundId } = await pendingRefund()
      expect((await orderSummary(api, admin, placed.orderId)).pending_difference).toBe(0)

      sandbox().control.failRefund(
        placed.mspOrderId,
        mspRefund.transaction_id,
        "insufficient balance",
      )
      await notified(placed.mspOrderId)

      const { refunds, entries, ledger } = await paymentState(getContainer(), placed.paymentId)
      expect(refunds).toHaveLength(0)
      expect(entries.find((e) => e.refund_id === refundId)).toMatchObject({
        status: "failed",
        failure_reason: expect.stringContaining("declined"),
      })
      // the shirt is refundable again
      expect(ledger.units).toEqual({})
      expect(-(await orderSummary(api, admin, placed.orderId)).pending_difference).toBeCloseTo(
        amount,
        10,
      )
      const { data } = await api.get(`/admin/line-refunds/orders/${placed.orderId}`, admin)
      expect(JSON.stringify(data)).toContain("failed")

      // staff refund again once MultiSafepay's same-amount window has passed: a new refund
      sandbox().control.advanceClock(301_000)
      await api.post(`/admin/payments/${placed.paymentId}/refund`, { amount }, admin)
      expect(shop.mspRefunds(placed.mspOrderId).map((r) => r.status)).toEqual([
        "declined",
        "reserved",
      ])
      expect((await orderSummary(api, admin, placed.orderId)).pending_difference).toBe(0)
    })

    it("a refund made in MultiSafepay's dashboard is recorded in Medusa without calling MultiSafepay", async () => {
      const placed = await shop.placedOrder(MSP.klarna)
      await api.post(`/admin/payments/${placed.paymentId}/capture`, {}, admin)
      sandbox().control.dashboardRefund(placed.mspOrderId, { amount: 1000, status: "completed" })
      await notified(placed.mspOrderId, 2)

      const { refunds, entries } = await paymentState(getContainer(), placed.paymentId)
      expect(refunds).toEqual([expect.objectContaining({ amount: 10 })])
      expect(entries).toEqual([
        expect.objectContaining({
          refund_id: refunds[0].id,
          status: "succeeded",
          source: "gateway_report",
          kind: "amount",
        }),
      ])
      expect(shop.refundRequests()).toHaveLength(0)
    })

    it("a lost notification is made good by the reconciliation job", async () => {
      const { placed, mspRefund, refundId } = await pendingRefund()
      // MultiSafepay completes the refund but its notification never arrives
      sandbox().control.completeRefund(placed.mspOrderId, mspRefund.transaction_id)

      const early = await reconcilePendingRefunds(getContainer(), { now: new Date() })
      expect(early.asked).toEqual([])

      const handled = refundReportsHandled(getContainer())
      const later = await reconcilePendingRefunds(getContainer(), {
        now: new Date(Date.now() + 31 * 60_000),
      })
      expect(later.asked).toEqual([placed.paymentId])
      await handled
      const { entries } = await paymentState(getContainer(), placed.paymentId)
      expect(entries.find((e) => e.refund_id === refundId)?.status).toBe("succeeded")
      expect(shop.refundRequests()).toHaveLength(1)
    })
  },
})
