import { notRefundedMessage, ReturnChange, returnReceipt } from "../_staff-receipt"

const request: ReturnChange = {
  id: "ordch_request",
  change_type: "return_request",
  status: "confirmed",
  created_by: null,
  confirmed_by: null,
}
const receipt = (id: string, fields: Partial<ReturnChange>): ReturnChange => ({
  id,
  change_type: "return_receive",
  status: "confirmed",
  created_by: null,
  confirmed_by: null,
  ...fields,
})

describe("who received a return", () => {
  it("staff: the admin receipt's confirmation names an admin user", () => {
    // POST /admin/returns/:id/receive (no created_by), then .../receive/confirm (confirmed_by)
    expect(returnReceipt([request, receipt("ordch_1", { confirmed_by: "user_01STAFF" })])).toEqual({
      by_staff: true,
      users: ["user_01STAFF"],
    })
  })

  it("staff: every partial receipt by admin users; a receipt made by a user and confirmed by none counts", () => {
    expect(
      returnReceipt([
        receipt("ordch_1", { confirmed_by: "user_A" }),
        receipt("ordch_2", { created_by: "user_B" }),
        receipt("ordch_3", { created_by: "user_B", confirmed_by: "user_A" }),
      ]),
    ).toEqual({ by_staff: true, users: ["user_A", "user_B"] })
  })

  it("not staff: the store's receive_now leaves the receipt without any actor", () => {
    const verdict = returnReceipt([request, receipt("ordch_1", {})])
    expect(verdict).toEqual({ by_staff: false, reason: "no_actor", actors: [] })
    expect(
      notRefundedMessage(verdict as Exclude<typeof verdict, { by_staff: true }>, {
        order_id: "order_1",
        return_id: "ret_1",
      }),
    ).toBe(
      "line-refunds: return ret_1 of order order_1 was received without staff (store receive_now); not refunded automatically, left for staff to refund from the order page",
    )
  })

  it("not staff: one receipt without staff leaves the whole return to staff, even after a staff receipt", () => {
    expect(
      returnReceipt([
        receipt("ordch_1", { created_by: "", confirmed_by: null }),
        receipt("ordch_2", { confirmed_by: "user_A" }),
      ]),
    ).toEqual({ by_staff: false, reason: "no_actor", actors: [] })
  })

  it("not staff: an actor that is not an admin user (a customer, a secret API key)", () => {
    const verdict = returnReceipt([
      receipt("ordch_1", { created_by: "cus_01SHOPPER" }),
      receipt("ordch_2", { confirmed_by: "apk_01KEY" }),
      receipt("ordch_3", { confirmed_by: "user_A" }),
    ])
    expect(verdict).toEqual({
      by_staff: false,
      reason: "not_a_user",
      actors: ["cus_01SHOPPER", "apk_01KEY"],
    })
    expect(
      notRefundedMessage(verdict as Exclude<typeof verdict, { by_staff: true }>, {
        order_id: "order_1",
        return_id: "ret_1",
      }),
    ).toMatch(/was received by cus_01SHOPPER, apk_01KEY, not a staff user; not refunded/)
  })

  it("no receipt: pending, canceled or other changes of the return do not count", () => {
    expect(
      returnReceipt([
        request,
        receipt("ordch_1", { status: "pending", created_by: "user_A" }),
        receipt("ordch_2", { status: "canceled", confirmed_by: "user_A" }),
        receipt("ordch_3", { change_type: "return_request", confirmed_by: "user_A" }),
      ]),
    ).toEqual({ by_staff: false, reason: "no_receipt", actors: [] })
    expect(returnReceipt([])).toMatchObject({ by_staff: false, reason: "no_receipt" })
  })
})
