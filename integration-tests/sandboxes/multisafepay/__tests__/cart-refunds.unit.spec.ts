import {
  createPaidOrder,
  currentCart,
  o1Body,
  startTestSandbox,
  useTestSandbox,
} from "./support/sandbox-client"

// KLARNA on the Klarna convention (negative unit_price), as the older docs describe it; the
// default convention and its cancellation rule are in pay-later-conventions.unit.spec.ts
const t = useTestSandbox({ negativeUnitPriceGateways: ["KLARNA"] })

const L1_PRICE = 24.7933884298
const l1Refund = (quantity = 1) => ({
  name: "T-shirt M",
  description: "",
  unit_price: -L1_PRICE,
  quantity,
  merchant_item_id: "L1",
  tax_table_selector: "21",
})
const l1RefundNegativeQuantity = (quantity = 1) => ({
  ...l1Refund(),
  unit_price: L1_PRICE,
  quantity: -quantity,
})

async function paidO1(orderId: string, gateway: string) {
  await createPaidOrder(t, o1Body(orderId, gateway))
  return currentCart(t, orderId)
}

const refund = (orderId: string, items: unknown[], extra: Record<string, unknown> = {}) =>
  t.api("POST", `orders/${orderId}/refunds`, {
    description: "Return",
    checkout_data: { items },
    ...extra,
  })

const refundOf = async (orderId: string, refundId: number) => {
  const order = (await t.api("GET", `orders/${orderId}`)).body.data
  return order.related_transactions.find(
    (transaction: any) => transaction.transaction_id === refundId,
  )
}

describe("shopping-cart refunds on order O1", () => {
  it("TV1: returning 1× L1 refunds 30.00 with a negative unit_price (KLARNA)", async () => {
    const cart = await paidO1("tv1-a", "KLARNA")
    const answer = await refund("tv1-a", [...cart, l1Refund()])
    expect(answer.status).toBe(200)
    const order = (await t.api("GET", "orders/tv1-a")).body.data
    expect(answer.body.data).toEqual({
      transaction_id: order.transaction_id,
      refund_id: expect.any(Number),
    })
    expect(await refundOf("tv1-a", answer.body.data.refund_id)).toMatchObject({
      type: "refund",
      status: "reserved",
      amount: 3000,
      currency: "EUR",
      order_id: "tv1-a",
      refund_order_id: null,
      reference_transaction_id: order.transaction_id,
      description: "Return",
    })
    expect(order.amount_refunded).toBe(3000)
    expect(order.status).toBe("completed")
    // GET shows the accepted refund line in the cart (sandbox assumption)
    expect(order.shopping_cart.items).toHaveLength(4)
    expect(order.shopping_cart.items[3]).toMatchObject({
      merchant_item_id: "L1",
      unit_price: "-24.7933884298",
      quantity: 1,
    })
  })

  it("TV1: BNPL_MF (default convention) refunds 30.00 with a negative quantity", async () => {
    const cart = await paidO1("tv1-pad", "BNPL_MF")
    const accepted = await refund("tv1-pad", [...cart, l1RefundNegativeQuantity()])
    expect(accepted.status).toBe(200)
    expect((await refundOf("tv1-pad", accepted.body.data.refund_id)).amount).toBe(3000)
  })

  it("a Klarna-convention gateway refuses negative quantities, naming the convention", async () => {
    const cart = await paidO1("strict", "KLARNA")
    const refused = await refund("strict", [...cart, l1RefundNegativeQuantity()])
    expect(refused.body.error_code).toBe(1000)
    expect(refused.body.error_info).toContain("negative_unit_price")
  })

  it("refundConventions still sets a gateway's convention explicitly", async () => {
    const either = await startTestSandbox({ refundConventions: { IN3: "either" } })
    try {
      await createPaidOrder(either, o1Body("either", "IN3"))
      const cart = await currentCart(either, "either")
      const answer = await either.api("POST", "orders/either/refunds", {
        checkout_data: { items: [...cart, l1Refund()] },
      })
      expect(answer.status).toBe(200)
      expect(answer.body.data.refund_id).toEqual(expect.any(Number))
    } finally {
      await either.sandbox.close()
    }
  })

  it("TV2: 2× L2 plus a full shipping refund on a new line refunds 25.00", async () => {
    const cart = await paidO1("tv2", "KLARNA")
    const answer = await refund("tv2", [
      ...cart,
      {
        name: "Mug",
        unit_price: -9.1743119266,
        quantity: 2,
        merchant_item_id: "L2",
        tax_table_selector: "9",
      },
      {
        name: "Shipping refund",
        unit_price: -4.132231405,
        quantity: 1,
        merchant_item_id: "msp-shipping-r1",
        tax_table_selector: "21",
      },
    ])
    expect(answer.status).toBe(200)
    expect((await refundOf("tv2", answer.body.data.refund_id)).amount).toBe(2500)
  })

  it("TV3: a second refund must include the first refund's line; it refunds another 30.00", async () => {
    const original = await paidO1("tv3", "KLARNA")
    expect((await refund("tv3", [...original, l1Refund()])).status).toBe(200)
    t.sandbox.control.advanceClock(301_000)

    const stale = await refund("tv3", [...original, l1Refund()])
    expect(stale.status).toBe(400)
    expect(stale.body.error_code).toBe(1000)
    expect(stale.body.error_info).toContain("current cart")

    const current = await currentCart(t, "tv3")
    expect(current).toHaveLength(4)
    const second = await refund("tv3", [...current, l1Refund()])
    expect(second.status).toBe(200)
    expect((await refundOf("tv3", second.body.data.refund_id)).amount).toBe(3000)
    expect((await t.api("GET", "orders/tv3")).body.data.amount_refunded).toBe(6000)
  })

  it("TV4: O2 refunds 16.66 then 33.34 under the rounding rule", async () => {
    const l3 = {
      name: "L3",
      unit_price: 13.7741046832,
      quantity: 3,
      merchant_item_id: "L3",
      tax_table_selector: "21",
    }
    await createPaidOrder(
      t,
      o1Body("tv4", "KLARNA", { amount: 5000, shopping_cart: { items: [l3] } }),
    )
    const first = await refund("tv4", [l3, { ...l3, unit_price: -13.7741046832, quantity: 1 }])
    expect((await refundOf("tv4", first.body.data.refund_id)).amount).toBe(1666)
    const second = await refund("tv4", [
      ...(await currentCart(t, "tv4")),
      { ...l3, unit_price: -13.7741046832, quantity: 2 },
    ])
    expect((await refundOf("tv4", second.body.data.refund_id)).amount).toBe(3334)
  })

  it('TV6: an amount-only refund as a new line at the "0" table refunds exactly 12.34', async () => {
    const cart = await paidO1("tv6", "AFTERPAY")
    const answer = await refund("tv6", [
      ...cart,
      {
        name: "Refund",
        unit_price: 12.34,
        quantity: -1,
        merchant_item_id: "refund-r1",
        tax_table_selector: "0",
      },
    ])
    expect(answer.status).toBe(200)
    expect((await refundOf("tv6", answer.body.data.refund_id)).amount).toBe(1234)
  })

  it("TV8: refunding more units than ordered is refused with 1034, also cumulatively", async () => {
    const cart = await paidO1("tv8", "KLARNA")
    const tooMany = await refund("tv8", [...cart, l1Refund(3)])
    expect(tooMany.status).toBe(400)
    expect(tooMany.body.error_code).toBe(1034)
    expect((await refund("tv8", [...cart, l1Refund(1)])).status).toBe(200)
    t.sandbox.control.advanceClock(301_000)
    const again = await refund("tv8", [...(await currentCart(t, "tv8")), l1Refund(2)])
    expect(again.body.error_code).toBe(1034)
  })

  it("TV9: a full return of a KLARNA order refunds 95.00 and the order becomes void once completed", async () => {
    const cart = await paidO1("tv9", "KLARNA")
    const reversals = cart.map((item: any) => ({ ...item, unit_price: `-${item.unit_price}` }))
    const answer = await refund("tv9", [...cart, ...reversals])
    expect(answer.status).toBe(200)
    expect((await refundOf("tv9", answer.body.data.refund_id)).amount).toBe(9500)
    expect((await t.api("GET", "orders/tv9")).body.data.status).toBe("completed")
    const order = t.sandbox.control.completeRefund("tv9", answer.body.data.refund_id)
    expect(order).toMatchObject({ status: "void", financial_status: "void", amount_refunded: 9500 })
  })

  it("a partial refund of a pay-later order keeps it completed when the refund completes", async () => {
    const cart = await paidO1("partial", "KLARNA")
    const answer = await refund("partial", [...cart, l1Refund()])
    expect(t.sandbox.control.completeRefund("partial", answer.body.data.refund_id).status).toBe(
      "completed",
    )
  })

  it("TV12 (cart): the same body again within 5 minutes is a duplicate (1034); later it holds no refund lines", async () => {
    const cart = await paidO1("tv12c", "KLARNA")
    const body = [...cart, l1Refund()]
    expect((await refund("tv12c", body)).status).toBe(200)
    const replay = await refund("tv12c", body)
    expect(replay.body.error_code).toBe(1034)
    expect(replay.body.error_info).toContain("within 5 minutes")
    // a fresh refund of the same amount (built from the current cart) is also a duplicate
    const sameAmount = await refund("tv12c", [...(await currentCart(t, "tv12c")), l1Refund()])
    expect(sameAmount.body.error_code).toBe(1034)
    t.sandbox.control.advanceClock(301_000)
    expect((await refund("tv12c", [...(await currentCart(t, "tv12c")), l1Refund()])).status).toBe(
      200,
    )
  })

  it("refund lines must use the order's tax tables (1029), the original selector, and lower the total", async () => {
    const cart = await paidO1("rules", "KLARNA")
    const unknownTable = await refund("rules", [
      ...cart,
      {
        name: "Refund",
        unit_price: -5,
        quantity: 1,
        merchant_item_id: "r1",
        tax_table_selector: "6",
      },
    ])
    expect(unknownTable.body.error_code).toBe(1029)
    const otherSelector = await refund("rules", [
      ...cart,
      { ...l1Refund(), tax_table_selector: "0" },
    ])
    expect(otherSelector.body.error_code).toBe(1000)
    expect(otherSelector.body.error_info).toContain("tax_table_selector")
    const positive = await refund("rules", [
      ...cart,
      {
        name: "Extra",
        unit_price: 5,
        quantity: 1,
        merchant_item_id: "r2",
        tax_table_selector: "0",
      },
    ])
    expect(positive.body.error_code).toBe(1000)
    const tooPrecise = await refund("rules", [
      ...cart,
      { ...l1Refund(), unit_price: "-24.79338842980001" },
    ])
    expect(tooPrecise.body.error_code).toBe(1031)
    const onlyCart = await refund("rules", cart)
    expect(onlyCart.body.error_code).toBe(1000)
    // a refund line without a selector is taxed at the default rate (21 %): 10.00 ex → 12.10
    const noSelector = await refund("rules", [
      ...cart,
      { name: "Refund", unit_price: -10, quantity: 1, merchant_item_id: "r3" },
    ])
    expect((await refundOf("rules", noSelector.body.data.refund_id)).amount).toBe(1210)
  })

  it("a refund line's merchant_item_id must be new or copy an original line", async () => {
    const cart = await paidO1("ids", "KLARNA")
    const line = {
      name: "Refund",
      unit_price: -1,
      quantity: 1,
      merchant_item_id: "refund-a",
      tax_table_selector: "0",
    }
    expect((await refund("ids", [...cart, line])).status).toBe(200)
    t.sandbox.control.advanceClock(301_000)
    const reused = await refund("ids", [
      ...(await currentCart(t, "ids")),
      { ...line, unit_price: -2 },
    ])
    expect(reused.body.error_code).toBe(1000)
    expect(reused.body.error_info).toContain("refund-a")
  })

  it("a failed refund frees its amount and its cart lines", async () => {
    const cart = await paidO1("failed", "KLARNA")
    const first = await refund("failed", [...cart, l1Refund(2)])
    const order = t.sandbox.control.failRefund(
      "failed",
      first.body.data.refund_id,
      "insufficient balance",
    )
    expect(order.amount_refunded).toBe(0)
    expect(order.shopping_cart?.items).toHaveLength(3)
    expect(order.related_transactions[0]).toMatchObject({
      status: "declined",
      reason: "insufficient balance",
    })
    // the freed units can be refunded again (a different amount avoids the duplicate rule)
    expect((await refund("failed", [...cart, l1Refund(1)])).status).toBe(200)
  })

  it("PATCH .../refunds/{id} {status: void} cancels a reserved refund; a completed one cannot", async () => {
    const cart = await paidO1("voided", "KLARNA")
    const first = await refund("voided", [...cart, l1Refund()])
    const refundId = first.body.data.refund_id
    expect(
      (await t.api("PATCH", `orders/voided/refunds/${refundId}`, { status: "void" })).status,
    ).toBe(200)
    const order = (await t.api("GET", "orders/voided")).body.data
    expect(order).toMatchObject({ amount_refunded: 0, status: "completed" })
    expect(order.shopping_cart.items).toHaveLength(3)
    expect(order.related_transactions[0].status).toBe("void")
    const again = await t.api("PATCH", `orders/voided/refunds/${refundId}`, { status: "void" })
    expect(again.body.error_code).toBe(1000)
    expect((await t.api("PATCH", "orders/voided/refunds/123", { status: "void" })).status).toBe(404)
  })

  it("pay-later orders refuse amount refunds (except E-Invoicing)", async () => {
    await paidO1("amount-klarna", "KLARNA")
    const refused = await t.api("POST", "orders/amount-klarna/refunds", {
      currency: "EUR",
      amount: 1000,
    })
    expect(refused.body.error_code).toBe(1000)
    expect(refused.body.error_info).toContain("shopping cart refund")
    await paidO1("amount-einvoice", "EINVOICE")
    expect(
      (await t.api("POST", "orders/amount-einvoice/refunds", { currency: "EUR", amount: 1000 }))
        .status,
    ).toBe(200)
  })

  it("cart refunds need a cart order and a paid order", async () => {
    await t.api("POST", "orders", o1Body("unpaid", "KLARNA"))
    const unpaid = await refund("unpaid", [...(await currentCart(t, "unpaid")), l1Refund()])
    expect(unpaid.body.error_code).toBe(1034)
    await createPaidOrder(
      t,
      o1Body("no-cart", "IDEAL", { shopping_cart: undefined, checkout_options: undefined }),
    )
    expect((await refund("no-cart", [l1Refund()])).body.error_code).toBe(1000)
  })

  it("a dashboard refund adds a 0 % line that the next API refund must carry", async () => {
    const cart = await paidO1("dashboard", "KLARNA")
    const { refund_id, order } = t.sandbox.control.dashboardRefund("dashboard", {
      amount: 500,
      status: "completed",
    })
    expect(order.amount_refunded).toBe(500)
    expect(order.shopping_cart?.items[3]).toMatchObject({
      merchant_item_id: `dashboard-refund-${refund_id}`,
      unit_price: "-5.0000000000",
      tax_table_selector: "0",
    })
    expect((await refund("dashboard", [...cart, l1Refund()])).body.error_code).toBe(1000)
    const answer = await refund("dashboard", [...(await currentCart(t, "dashboard")), l1Refund()])
    expect((await refundOf("dashboard", answer.body.data.refund_id)).amount).toBe(3000)
  })
})
