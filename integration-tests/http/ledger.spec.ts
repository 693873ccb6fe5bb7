import { execFile } from "node:child_process"
import { promisify } from "node:util"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminHeaders } from "../support/admin-api"
import { orderSummary, paymentState } from "../support/payment-state"
import { medusaRefunds, lineRefundsOfOrder } from "../support/refund-outcomes"
import {
  OUTSIDE_PROVIDER,
  receiveReturn,
  seedPaidOrder,
  SeededOrder,
  SYSTEM_PROVIDER,
} from "../support/seed-order"
import { recordingGateway } from "../recording-provider/recorder"
import { ledgerEntryFromPlan } from "../../src/core/ledger"
import { LINE_REFUNDS_MODULE, LineRefundsModuleService } from "../../src/modules/line-refunds"
import { prepareRefundPlanWorkflow } from "../../src/workflows/prepare-refund-plan"
import { checkRefundInputsAfterEachTest } from "../support/refund-inputs-agree"

jest.setTimeout(240_000)

/**
 * The ledger of truth for payments of providers outside the plugin (Medusa's own system provider,
 * and a Stripe-like provider that refunds amounts only): a return is refunded by its lines
 * through every entry point, once, and the plugin's tables say which lines were refunded.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConfig }) => {
    checkRefundInputsAfterEachTest(getContainer)
    describe.each([
      ["Medusa's system provider", SYSTEM_PROVIDER],
      ["a provider outside the plugin", OUTSIDE_PROVIDER],
    ])("%s", (_name, provider) => {
      let admin: { headers: Record<string, string> }
      let order: SeededOrder

      beforeEach(async () => {
        recordingGateway.reset()
        admin = await adminHeaders(getContainer())
        order = await seedPaidOrder(getContainer(), api, admin, provider)
      })

      const refundReturn = (returnId: string) =>
        api
          .post(`/admin/line-refunds/returns/${returnId}/refund`, {}, admin)
          .then((r: any) => ({ status: r.status as number, data: r.data }))
          .catch((e: any) => ({ status: e.response.status as number, data: e.response.data }))
      const pressRefund = (amount: number) =>
        api
          .post(`/admin/payments/${order.paymentId}/refund`, { amount }, admin)
          .then((r: any) => ({ status: r.status as number, data: r.data }))
          .catch((e: any) => ({ status: e.response.status as number, data: e.response.data }))
      /** everything a refund could change */
      const snapshot = async () => {
        const { refunds, entries } = await paymentState(getContainer(), order.paymentId)
        return {
          refunds,
          entries: entries.map((e) => ({ id: e.id, status: e.status, amount: e.amount })),
          summary: await orderSummary(api, admin, order.orderId),
          gateway: recordingGateway.refunds.length,
        }
      }

      it("refunds a return once from the order page: the second press is refused and changes nothing", async () => {
        const returnId = await receiveReturn(api, admin, order.orderId, [
          { id: order.lines.shirt, quantity: 1 },
          { id: order.lines.book, quantity: 1 },
        ])
        const first = await refundReturn(returnId)
        expect(first.status).toBe(200)
        expect(first.data.refund_plan.amount).toBe("68.40") // 30.25 + 38.15

        const { entries, ledger } = await paymentState(getContainer(), order.paymentId)
        expect(entries).toEqual([
          expect.objectContaining({
            provider_id: provider,
            source: "return_refund",
            status: "succeeded",
            kind: "lines",
            amount: "68.4",
            return_ids: [returnId],
            refund_id: (await medusaRefunds(getContainer(), order.paymentId))[0].id,
          }),
        ])
        expect(ledger.units).toEqual({ [order.lines.shirt]: 1, [order.lines.book]: 1 })
        const widget = await lineRefundsOfOrder(api, admin, order.orderId)
        expect(widget.returns[0]).toMatchObject({
          amount_to_refund: null,
          lines: expect.arrayContaining([
            expect.objectContaining({ title: "Shirt", refunded: 1, to_refund: 0 }),
            expect.objectContaining({ title: "Book", refunded: 1, to_refund: 0 }),
          ]),
        })
        const after = await snapshot()
        expect(after.summary.pending_difference).toBe(0)
        expect(after.summary.credit_line_total).toBe(0)

        const second = await refundReturn(returnId)
        expect(second.status).toBe(400)
        expect(second.data.message).toMatch(
          /^Return #\d+ is refunded already: nothing received is left to refund\.$/,
        )
        // and the stock button for the same amount is taken for the same refund twice
        const stock = await pressRefund(68.4)
        expect(stock.status).toBe(400)
        expect(stock.data.message).toMatch(
          /^The same amount was refunded on this payment (just now|\d+ seconds? ago) \(68\.40 EUR\), and no received return is left to refund, so nothing was refunded now\./,
        )
        expect(await snapshot()).toEqual(after)
        if (provider === OUTSIDE_PROVIDER) {
          // the gateway got one amount refund; the lines are the plugin's record
          expect(recordingGateway.refunds).toEqual([
            expect.objectContaining({ amount: "68.4", lines: {} }),
          ])
        }
      })

      it("twenty concurrent presses of the stock Refund button make one refund", async () => {
        await receiveReturn(api, admin, order.orderId, [{ id: order.lines.mug, quantity: 3 }])
        const owed = -(await orderSummary(api, admin, order.orderId)).pending_difference
        const results = await Promise.all(Array.from({ length: 20 }, () => pressRefund(owed)))
        const refused = results.filter((r) => r.status !== 200)
        expect(results.filter((r) => r.status === 200)).toHaveLength(1)
        expect(refused).toHaveLength(19)
        expect(new Set(refused.map((r) => r.status))).toEqual(new Set([400]))
        const after = await snapshot()
        expect(after.refunds).toHaveLength(1)
        expect(after.entries).toEqual([expect.objectContaining({ status: "succeeded" })])
        expect(after.summary.pending_difference).toBe(0)
        expect(after.gateway).toBe(provider === OUTSIDE_PROVIDER ? 1 : 0)
        console.log(
          `[ledger] ${provider}: 20 concurrent stock-button refunds → ${after.refunds.length} Medusa refund, ${after.entries.length} ledger entry, ${refused.length} refused`,
        )
      })

      it("twenty concurrent refunds of one return through the return route make one refund", async () => {
        const returnId = await receiveReturn(api, admin, order.orderId, [
          { id: order.lines.shirt, quantity: 2 },
        ])
        const results = await Promise.all(Array.from({ length: 20 }, () => refundReturn(returnId)))
        expect(results.filter((r) => r.status === 200)).toHaveLength(1)
        expect(results.filter((r) => r.status === 400)).toHaveLength(19)
        const after = await snapshot()
        expect(after.refunds).toHaveLength(1)
        expect(after.entries).toEqual([
          expect.objectContaining({ status: "succeeded", amount: "60.5" }),
        ])
        console.log(
          `[ledger] ${provider}: 20 concurrent return-route refunds → ${after.refunds.length} Medusa refund, ${after.entries.length} ledger entry`,
        )
      })

      it("the database refuses a second claim on the same units even without the refund lock", async () => {
        await receiveReturn(api, admin, order.orderId, [{ id: order.lines.mug, quantity: 2 }])
        // two processes without a shared lock compute the same plan from the same state…
        const { result } = await prepareRefundPlanWorkflow(getContainer()).run({
          input: { payment_id: order.paymentId, request: { kind: "amount", amount: 24.2 } },
        })
        const ledger = getContainer().resolve<LineRefundsModuleService>(LINE_REFUNDS_MODULE)
        const entry = ledgerEntryFromPlan({
          plan: result.plan,
          amount: result.amount,
          provider_id: provider,
          source: "admin_refund",
        })
        const mugsOrdered = () => 3
        // …and record it before calling the gateway, at the same moment: twenty with the same key,
        // twenty with other keys for the same units (e.g. computed a moment apart)
        const results = await Promise.allSettled([
          ...Array.from({ length: 20 }, () => ledger.recordRefund(entry, mugsOrdered)),
          ...Array.from({ length: 20 }, (_, i) =>
            ledger.recordRefund({ ...entry, idempotency_key: `lr_other_${i}` }, mugsOrdered),
          ),
        ])
        const written = results.filter((r) => r.status === "fulfilled")
        expect(written).toHaveLength(1)
        for (const refused of results.filter((r) => r.status === "rejected")) {
          expect((refused as PromiseRejectedResult).reason.message).toMatch(
            /^(Another refund of these units, or the same refund, was started a moment ago|All 3 units of ".+" on this order are refunded already or being refunded)/,
          )
        }
        expect(await ledger.ledgerOf({ payment_id: order.paymentId })).toHaveLength(1)
        console.log(
          `[ledger] ${provider}: 40 concurrent unlocked claims of the same 2 units → ${written.length} written`,
        )
      })

      it("refunds an amount with no return by amount, and refuses amounts finer than a cent", async () => {
        const fine = await pressRefund(0.005)
        expect(fine.status).toBe(400)
        expect(fine.data.message).toBe(
          "0.005 EUR is finer than the smallest amount a EUR payment can refund (0.01). Enter an amount with at most 2 decimals.",
        )
        expect((await snapshot()).refunds).toEqual([])
        expect((await pressRefund(7.5)).status).toBe(200)
        const { entries } = await paymentState(getContainer(), order.paymentId)
        expect(entries).toEqual([
          expect.objectContaining({
            kind: "amount",
            amount: "7.5",
            units: [],
            status: "succeeded",
          }),
        ])
      })

      if (provider === SYSTEM_PROVIDER) {
        it("the ledger lives in the database: a Medusa process started anew knows the return is refunded", async () => {
          const returnId = await receiveReturn(api, admin, order.orderId, [
            { id: order.lines.mug, quantity: 2 },
          ])
          expect((await refundReturn(returnId)).status).toBe(200)
          // a new process (medusa exec boots the app's modules from scratch) on the same database
          const databaseUrl = dbConfig.clientUrl!
          const { stdout } = await promisify(execFile)(
            "npx",
            [
              "medusa",
              "exec",
              "integration-tests/support/restart/read-ledger.ts",
              order.orderId,
              order.paymentId,
              returnId,
            ],
            {
              env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "test" },
              timeout: 180_000,
            },
          )
          const line = stdout.split("\n").find((l) => l.startsWith("RESULT "))
          expect(line).toBeDefined()
          const result = JSON.parse(line!.slice("RESULT ".length))
          expect(result.pid).not.toBe(process.pid)
          expect(result.entries).toEqual([{ status: "succeeded", amount: 24.2, units: 2 }])
          expect(result.again).toMatch(/^Return #\d+ is refunded already/)
        })
      }

      if (provider === OUTSIDE_PROVIDER) {
        it("a refund its provider fails leaves nothing behind, and the return is refunded again exactly once", async () => {
          const returnId = await receiveReturn(api, admin, order.orderId, [
            { id: order.lines.book, quantity: 2 },
          ])
          recordingGateway.failNextRefund("card network down")
          const failed = await refundReturn(returnId)
          expect(failed.status).toBe(500)
          const nothing = await snapshot()
          expect(nothing.refunds).toEqual([])
          expect(nothing.entries).toEqual([])
          const widget = await lineRefundsOfOrder(api, admin, order.orderId)
          expect(widget.returns[0].amount_to_refund).toBe("76.30")

          expect((await refundReturn(returnId)).status).toBe(200)
          expect((await refundReturn(returnId)).status).toBe(400)
          const after = await snapshot()
          expect(after.refunds).toHaveLength(1)
          expect(after.entries).toEqual([expect.objectContaining({ status: "succeeded" })])
          expect(recordingGateway.refunds).toHaveLength(1)
        })
      }
    })
  },
})
