import { NewLedgerRefund } from "../../../core/ledger"
import { bigNumberColumns, ledgerRows, patchColumns, textArray } from "../ledger-sql"

const NOW = new Date("2026-12-02T10:00:00.000Z")

const entry: NewLedgerRefund = {
  payment_id: "pay_1",
  order_id: "order_1",
  provider_id: "pp_system_default",
  refund_id: null,
  idempotency_key: "lr_key",
  return_ids: ["return_1"],
  kind: "lines",
  source: "admin_refund",
  status: "in_doubt",
  amount: "92.60",
  currency_code: "eur",
  gateway_amount: null,
  gateway_reference: null,
  plan_id: "lrplan_1",
  pending_difference_before: "-92.6",
  note: null,
  gateway: null,
  units: [
    {
      kind: "item",
      line_item_id: "ordli_1",
      shipping_method_id: null,
      return_id: "return_1",
      title: "Book",
      quantity: 1,
      amount: "38.15",
      amount_exact: "38.1500000000000000000001",
    },
  ],
}

describe("ledger rows as the database stores them", () => {
  it("writes a big number as Medusa's ORM does: the number, and its raw twin trimmed of zeros", () => {
    expect(bigNumberColumns("amount", "92.60")).toEqual({
      amount: 92.6,
      raw_amount: JSON.stringify({ value: "92.6", precision: 20 }),
    })
    // 20 significant digits, as Medusa's BigNumber keeps them
    expect(JSON.parse(bigNumberColumns("x", "38.1500000000000000000001").raw_x as string)).toEqual({
      value: "38.15",
      precision: 20,
    })
    expect(bigNumberColumns("gateway_amount", null)).toEqual({
      gateway_amount: null,
      raw_gateway_amount: null,
    })
  })

  it("quotes text arrays so any id survives", () => {
    expect(textArray([])).toBe("{}")
    expect(textArray(["return_1", 'a"b', "c\\d", "x,y"])).toBe(
      '{"return_1","a\\"b","c\\\\d","x,y"}',
    )
  })

  it("makes an entry in doubt, its units and its claims, tied together by the entry's id", () => {
    const rows = ledgerRows(entry, [{ target_id: "ordli_1", unit_number: 1, of_units: 2 }], NOW)
    expect(rows.refund).toMatchObject({
      id: expect.stringMatching(/^lref_/),
      payment_id: "pay_1",
      status: "in_doubt",
      return_ids: '{"return_1"}',
      amount: 92.6,
      raw_amount: JSON.stringify({ value: "92.6", precision: 20 }),
      raw_pending_difference_before: JSON.stringify({ value: "-92.6", precision: 20 }),
      gateway: null,
      doubt_reason: null,
      failure_reason: null,
      status_changed_at: NOW,
      created_at: NOW,
      deleted_at: null,
    })
    expect(rows.units).toEqual([
      expect.objectContaining({
        id: expect.stringMatching(/^lrunit_/),
        line_refund_id: rows.refund.id,
        line_item_id: "ordli_1",
        amount: 38.15,
        raw_amount_exact: JSON.stringify({ value: "38.15", precision: 20 }),
      }),
    ])
    expect(rows.claims).toEqual([
      expect.objectContaining({
        id: expect.stringMatching(/^lrclaim_/),
        line_refund_id: rows.refund.id,
        target_id: "ordli_1",
        unit_number: 1,
        of_units: 2,
      }),
    ])
  })

  it("sets only what a patch names, its big numbers and JSON as the columns hold them", () => {
    expect(patchColumns({ doubt_reason: "lost answer" }, NOW)).toEqual({
      doubt_reason: "lost answer",
      updated_at: NOW,
    })
    expect(
      patchColumns(
        {
          refund_id: "ref_1",
          status: "succeeded",
          gateway_amount: "92.61",
          gateway: { reference: "k" },
          currency_code: undefined,
        },
        NOW,
      ),
    ).toEqual({
      refund_id: "ref_1",
      status: "succeeded",
      gateway_amount: 92.61,
      raw_gateway_amount: JSON.stringify({ value: "92.61", precision: 20 }),
      gateway: JSON.stringify({ reference: "k" }),
      updated_at: NOW,
    })
    expect(patchColumns({ gateway_amount: null, gateway: null }, NOW)).toEqual({
      gateway_amount: null,
      raw_gateway_amount: null,
      gateway: null,
      updated_at: NOW,
    })
  })
})
