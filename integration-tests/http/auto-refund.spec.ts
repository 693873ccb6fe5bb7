import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminHeaders } from "../support/admin-api"
import { orderSummary, paymentState } from "../support/payment-state"
import {
  RECORDING_PROVIDER,
  receiveReturn,
  seedPaidOrder,
  SYSTEM_PROVIDER,
} from "../support/seed-order"
import { recordingGateway } from "../recording-provider/recorder"
import { checkRefundInputsAfterEachTest } from "../support/refund-inputs-agree"

jest.setTimeout(240_000)

// The store turns automatic refunds on. medusa-config.ts reads this when the runner loads it,
// which happens before the runner's own `env` option is applied, so set it here.
const previous = process.env.LINE_REFUNDS_AUTO_REFUND
process.env.LINE_REFUNDS_AUTO_REFUND = "true"
afterAll(() => {
  if (previous === undefined) delete process.env.LINE_REFUNDS_AUTO_REFUND
  else process.env.LINE_REFUNDS_AUTO_REFUND = previous
})

async function eventually<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  ms = 15_000,
): Promise<T> {
  const until = Date.now() + ms
  for (;;) {
    const value = await probe()
    if (done(value) || Date.now() > until) return value
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    checkRefundInputsAfterEachTest(getContainer)
    it.each([
      ["a gateway of the plugin", RECORDING_PROVIDER],
      ["Medusa's system provider", SYSTEM_PROVIDER],
    ])(
      "refunds a received return with nobody pressing Refund, and only once (%s)",
      async (_name, provider) => {
        recordingGateway.reset()
        const admin = await adminHeaders(getContainer())
        const order = await seedPaidOrder(getContainer(), api, admin, provider)

        await receiveReturn(api, admin, order.orderId, [{ id: order.lines.mug, quantity: 1 }])

        // The subscriber's workflow is done when the ledger has the refund (and, for a gateway of
        // the plugin, its plan is consumed): the last things it writes.
        const ofPlugin = provider === RECORDING_PROVIDER
        await eventually(
          () => paymentState(getContainer(), order.paymentId),
          ({ entries, state }) =>
            entries[0]?.status === "succeeded" &&
            (!ofPlugin || Object.values(state.plans)[0]?.status === "consumed"),
        )
        const summary = await orderSummary(api, admin, order.orderId)
        expect(summary.pending_difference).toBe(0)
        const { refunds, state, entries } = await paymentState(getContainer(), order.paymentId)
        expect(refunds).toEqual([expect.objectContaining({ amount: 12.1 })])
        expect(entries).toEqual([
          expect.objectContaining({
            source: "auto_refund",
            status: "succeeded",
            refund_id: refunds[0].id,
            units: [expect.objectContaining({ line_item_id: order.lines.mug, quantity: 1 })],
          }),
        ])
        expect(recordingGateway.refunds).toEqual(
          provider === RECORDING_PROVIDER
            ? [expect.objectContaining({ amount: "12.1", lines: { [order.lines.mug]: 1 } })]
            : [],
        )
        if (ofPlugin) {
          expect(Object.values(state.plans)).toEqual([
            expect.objectContaining({ source: "auto_refund", status: "consumed" }),
          ])
        } else {
          // payment.data carries plans to the plugin's own providers only: a provider outside it
          // never reads one (src/workflows/utils/takes-refund-plans.ts); the ledger is the record
          expect(state.plans).toEqual({})
        }

        // Staff pressing Refund afterwards for the same amount is caught as a double refund.
        const repeat = await api
          .post(`/admin/payments/${order.paymentId}/refund`, { amount: 12.1 }, admin)
          .catch((e: any) => e.response)
        expect(repeat.status).toBe(400)
        expect((await paymentState(getContainer(), order.paymentId)).refunds).toHaveLength(1)
      },
    )
  },
})
