import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminHeaders } from "../support/admin-api"
import { orderSummary } from "../support/payment-state"
import { receiveReturn, seedPaidOrder, SeededOrder } from "../support/seed-order"
import { recordingGateway } from "../recording-provider/recorder"
import { checkRefundInputsAfterEachTest } from "../support/refund-inputs-agree"

jest.setTimeout(240_000)

/**
 * Refunds of lines staff choose without a return (a damaged or missing item, a goodwill refund of
 * shipping) through POST /admin/line-refunds/orders/:id/refund, its preview, and what the order
 * page's summary says before and after — over HTTP as the widget calls them.
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

    const summary = async () =>
      (await api.get(`/admin/line-refunds/orders/${order.orderId}`, admin)).data
    const failure = (promise: Promise<unknown>) =>
      promise.then(
        () => {
          throw new Error("expected a refusal")
        },
        (error: any) => error.response,
      )

    it("refunds a chosen unit and the shipping by line, as the preview said, and once", async () => {
      const chosen = {
        lines: [{ line_item_id: order.lines.mug, quantity: 1 }],
        shipping_method_ids: [order.shippingMethodId],
      }
      const { data: preview } = await api.post(
        `/admin/line-refunds/orders/${order.orderId}/refund-preview`,
        chosen,
        admin,
      )
      // Mug 12.10 incl. VAT; shipping 4.95 + 21% = 5.9895, refunded as 5.99
      expect(preview).toEqual({
        payment_id: order.paymentId,
        currency_code: "eur",
        amount: "18.09",
        lines: [
          { title: "Mug", quantity: 1, amount: "12.10" },
          { title: "Shipping (Standard)", quantity: 1, amount: "5.99" },
        ],
      })
      expect(recordingGateway.refunds).toHaveLength(0)

      const { data } = await api.post(
        `/admin/line-refunds/orders/${order.orderId}/refund`,
        chosen,
        admin,
      )
      expect(data.refund_plan).toMatchObject({ amount: "18.09", source: "chosen_lines" })
      expect(recordingGateway.refunds).toHaveLength(1)
      expect(recordingGateway.refunds[0]).toMatchObject({
        lines: { [order.lines.mug]: 1 },
        shipping: [order.shippingMethodId],
      })

      const after = await summary()
      expect(after.items.find((i: any) => i.title === "Mug")).toMatchObject({
        ordered: 3,
        refunded: 1,
        refundable: 2,
        unit_amount: "12.1",
      })
      expect(after.shipping).toEqual([
        expect.objectContaining({ refunded: "5.9895", refundable: "0" }),
      ])
      expect(after.refunds).toEqual([
        expect.objectContaining({
          source: "chosen_lines",
          status: "succeeded",
          return_labels: [],
          lines: [
            expect.objectContaining({ kind: "item", title: "Mug", quantity: 1 }),
            expect.objectContaining({ kind: "shipping", title: "Standard", quantity: 1 }),
          ],
        }),
      ])

      // the shipping is gone; the same choice again is refused, with what to do instead
      const again = await failure(
        api.post(`/admin/line-refunds/orders/${order.orderId}/refund`, chosen, admin),
      )
      expect(again.status).toBe(400)
      expect(again.data.message).toBe(
        "The shipping (Standard) is refunded already. Untick it to refund the items only.",
      )
      expect(recordingGateway.refunds).toHaveLength(1)
    })

    it("keeps a unit refunded without a return from being refunded again by its return", async () => {
      await api.post(
        `/admin/line-refunds/orders/${order.orderId}/refund`,
        { lines: [{ line_item_id: order.lines.shirt, quantity: 2 }] },
        admin,
      )
      const returnId = await receiveReturn(api, admin, order.orderId, [
        { id: order.lines.shirt, quantity: 1 },
        { id: order.lines.mug, quantity: 1 },
      ])
      const { returns } = await summary()
      expect(returns).toEqual([
        expect.objectContaining({
          id: returnId,
          label: `#${returnId.slice(-7)}`,
          amount_to_refund: "12.10",
          // in the order's line order, which lines made in the same millisecond do not fix
          lines: expect.arrayContaining([
            expect.objectContaining({ title: "Shirt", received: 1, to_refund: 0 }),
            expect.objectContaining({ title: "Mug", received: 1, to_refund: 1 }),
          ]),
        }),
      ])
      expect(returns[0].lines).toHaveLength(2)
      await api.post(`/admin/line-refunds/returns/${returnId}/refund`, {}, admin)
      expect(recordingGateway.refunds.map((r) => r.lines)).toEqual([
        { [order.lines.shirt]: 2 },
        { [order.lines.mug]: 1 },
      ])
      const shirtAgain = await failure(
        api.post(
          `/admin/line-refunds/orders/${order.orderId}/refund`,
          { lines: [{ line_item_id: order.lines.shirt, quantity: 1 }] },
          admin,
        ),
      )
      expect(shirtAgain.data.message).toBe(
        "Every unit of Shirt is refunded already, or being refunded. Choose other items.",
      )
    })

    it("tells staff what Medusa's Refund form will do with the amount it pre-fills", async () => {
      const before = await summary()
      // nothing is owed: the form pre-fills the payment's amount, which holds a fraction of a
      // cent (shipping 5.9895) that no refund can pay: staff are told before they press it
      expect(before.stock_refund).toMatchObject({
        kind: "refused",
        lines: [],
        refused: expect.stringMatching(/ EUR is finer than the smallest amount /),
      })
      expect(before.gateway).toBe("pp_recording_recording")

      await receiveReturn(api, admin, order.orderId, [{ id: order.lines.mug, quantity: 2 }])
      const owed = -(await orderSummary(api, admin, order.orderId)).pending_difference
      const { stock_refund } = await summary()
      expect(Number(stock_refund.amount)).toBeCloseTo(owed, 10)
      expect(stock_refund).toMatchObject({
        kind: "lines",
        lines: [{ title: "Mug", quantity: 2, amount: "24.20" }],
      })
    })

    it("refuses a bad choice with a message and refunds nothing", async () => {
      const empty = await failure(
        api.post(`/admin/line-refunds/orders/${order.orderId}/refund`, { lines: [] }, admin),
      )
      expect(empty.status).toBe(400)
      expect(empty.data.message).toBe("Choose at least one item or the shipping to refund.")
      const tooMany = await failure(
        api.post(
          `/admin/line-refunds/orders/${order.orderId}/refund-preview`,
          { lines: [{ line_item_id: order.lines.mug, quantity: 4 }] },
          admin,
        ),
      )
      expect(tooMany.data.message).toBe(
        "Only 3 units of Mug can still be refunded, not 4. Lower the quantity.",
      )
      expect(recordingGateway.refunds).toHaveLength(0)
    })
  },
})
