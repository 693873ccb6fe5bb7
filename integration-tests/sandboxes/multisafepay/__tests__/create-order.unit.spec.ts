import {
  API_KEY,
  O1_ITEMS,
  O1_TAX_TABLES,
  o1Body,
  orderBody,
  useTestSandbox,
} from "./support/sandbox-client"

const t = useTestSandbox()

const expectError = (answer: { status: number; body: any }, status: number, code: number) => {
  expect(answer.status).toBe(status)
  expect(answer.body).toMatchObject({ success: false, data: {}, error_code: code })
  expect(typeof answer.body.error_info).toBe("string")
}

describe("authentication", () => {
  it("refuses a missing or wrong api_key with 401 / 1032", async () => {
    expectError(await t.api("GET", "orders/x", undefined, null), 401, 1032)
    expectError(await t.api("GET", "orders/x", undefined, "wrong"), 401, 1032)
    expect((await t.api("GET", "orders/x")).body.error_info).toBe("Invalid transaction ID")
  })

  it("accepts the key as ?api_key= and redacts it in the request log", async () => {
    const answer = await t.api("GET", `orders/x?api_key=${API_KEY}`, undefined, null)
    expectError(answer, 404, 1006)
    const [logged] = t.sandbox.control.requests()
    expect(logged).toMatchObject({ path: "/v1/json/orders/x", query: { api_key: "[REDACTED]" } })
    await t.api("GET", "orders/x")
    expect(t.sandbox.control.requests()[1].headers.api_key).toBe("[REDACTED]")
    expect(JSON.stringify(t.sandbox.control.requests())).not.toContain(API_KEY)
  })
})

describe("POST /orders", () => {
  it("creates order O1 and GET returns the stored shape", async () => {
    const created = await t.api("POST", "orders", o1Body("ord-o1", "KLARNA"))
    expect(created.status).toBe(200)
    expect(created.body.success).toBe(true)
    expect(created.body.data).toEqual({
      order_id: "ord-o1",
      payment_url: `${t.sandbox.origin}/pay/ord-o1`,
      session_id: expect.any(String),
    })
    const { data } = (await t.api("GET", "orders/ord-o1")).body
    expect(data).toMatchObject({
      order_id: "ord-o1",
      transaction_id: expect.any(Number),
      currency: "EUR",
      amount: 9500,
      amount_refunded: 0,
      status: "initialized",
      financial_status: "initialized",
      payment_details: { type: "KLARNA" },
      related_transactions: [],
      costs: [],
      checkout_options: O1_TAX_TABLES,
    })
    expect(data.checkout_options.tax_tables).toBeUndefined()
    expect(
      data.shopping_cart.items.map((item: any) => [
        item.merchant_item_id,
        item.unit_price,
        item.quantity,
      ]),
    ).toEqual([
      ["L1", "24.7933884298", 2],
      ["L2", "9.1743119266", 3],
      ["msp-shipping", "4.1322314050", 1],
    ])
  })

  it("refuses a second order with the same order_id (1000)", async () => {
    expect((await t.api("POST", "orders", orderBody({ gateway: "IDEAL" }))).status).toBe(200)
    const again = await t.api("POST", "orders", orderBody({ gateway: "IDEAL" }))
    expectError(again, 400, 1000)
    expect(again.body.error_info).toBe("Order ID already exists")
  })

  it("validates amount, currency and required fields", async () => {
    expectError(await t.api("POST", "orders", orderBody({ amount: 12.5 })), 400, 1001)
    expectError(await t.api("POST", "orders", orderBody({ amount: "9500" })), 400, 1001)
    expectError(await t.api("POST", "orders", orderBody({ amount: 0 })), 400, 1001)
    expectError(await t.api("POST", "orders", orderBody({ currency: "eur" })), 400, 1002)
    expectError(await t.api("POST", "orders", orderBody({ description: "" })), 400, 1000)
    expectError(
      await t.api("POST", "orders", orderBody({ description: "x".repeat(201) })),
      400,
      1000,
    )
    expectError(await t.api("POST", "orders", orderBody({ order_id: "x".repeat(51) })), 400, 1000)
    expectError(await t.api("POST", "orders", orderBody({ type: "hosted" })), 400, 1000)
    expectError(await t.api("POST", "orders", orderBody({ payment_options: {} })), 400, 1000)
  })

  it("requires a cart and tax tables for pay-later gateways", async () => {
    const answer = await t.api("POST", "orders", orderBody({ gateway: "KLARNA" }))
    expectError(answer, 400, 5001)
    expect(answer.body.error_info).toContain("KLARNA")
  })

  it("TV11: a 2-dp ex-VAT price misses by a cent (1027, with both figures); 10 dp is accepted", async () => {
    const cart = (unitPrice: number) => ({
      gateway: "KLARNA",
      amount: 9171,
      shopping_cart: {
        items: [
          {
            name: "Jacket",
            unit_price: unitPrice,
            quantity: 3,
            merchant_item_id: "J",
            tax_table_selector: "21",
          },
        ],
      },
      checkout_options: { tax_tables: O1_TAX_TABLES },
    })
    const refused = await t.api("POST", "orders", orderBody({ order_id: "tv11-a", ...cart(25.26) }))
    expectError(refused, 400, 1027)
    expect(refused.body.error_info).toContain("91.69")
    expect(refused.body.error_info).toContain("9171")
    const accepted = await t.api(
      "POST",
      "orders",
      orderBody({ order_id: "tv11-b", ...cart(25.2644628099) }),
    )
    expect(accepted.status).toBe(200)
  })

  it("checks cart lines: price precision (1031), selectors (1029), ids, rates (1028), currency (1026)", async () => {
    const withItems = (items: unknown[], tables: unknown = O1_TAX_TABLES) =>
      o1Body("cart-check", "KLARNA", {
        shopping_cart: { items },
        checkout_options: { tax_tables: tables },
      })
    const [l1, l2, sh] = O1_ITEMS
    expectError(
      await t.api("POST", "orders", withItems([{ ...l1, unit_price: "24.79338842981" }, l2, sh])),
      400,
      1031,
    )
    expectError(
      await t.api("POST", "orders", withItems([{ ...l1, tax_table_selector: "BTW21" }, l2, sh])),
      400,
      1029,
    )
    expectError(
      await t.api("POST", "orders", withItems([l1, { ...l2, merchant_item_id: "L1" }, sh])),
      400,
      5001,
    )
    expectError(
      await t.api("POST", "orders", withItems([l1, l2, { ...sh, quantity: 0 }])),
      400,
      5001,
    )
    expectError(
      await t.api("POST", "orders", withItems([{ ...l1, currency: "USD" }, l2, sh])),
      400,
      1026,
    )
    expectError(await t.api("POST", "orders", withItems([])), 400, 5001)
    const percentRate = {
      ...O1_TAX_TABLES,
      alternate: [{ name: "21", standalone: true, rules: [{ rate: 21 }] }],
    }
    expectError(await t.api("POST", "orders", withItems(O1_ITEMS, percentRate)), 400, 1028)
    const threeDecimals = { ...O1_TAX_TABLES, default: { shipping_taxed: true, rate: "0.055" } }
    expectError(await t.api("POST", "orders", withItems(O1_ITEMS, threeDecimals)), 400, 1028)
  })

  it("accepts merchant_item_id as a number and string prices/quantities", async () => {
    const items = [
      {
        name: "Candle",
        unit_price: "90",
        quantity: "3",
        merchant_item_id: 111111,
        tax_table_selector: "0",
      },
    ]
    const answer = await t.api(
      "POST",
      "orders",
      o1Body("numbers", "AFTERPAY", { amount: 27000, shopping_cart: { items } }),
    )
    expect(answer.status).toBe(200)
    const [item] = (await t.api("GET", "orders/numbers")).body.data.shopping_cart.items
    expect(item).toMatchObject({
      merchant_item_id: 111111,
      unit_price: "90.0000000000",
      quantity: 3,
    })
  })

  it("Billink accepts only its fixed VAT rates (1029)", async () => {
    const tables = {
      default: { shipping_taxed: true, rate: 0.21 },
      alternate: [{ name: "8", rules: [{ rate: 0.08 }] }],
    }
    const answer = await t.api(
      "POST",
      "orders",
      o1Body("billink", "BILLINK", { checkout_options: { tax_tables: tables } }),
    )
    expectError(answer, 400, 1029)
    expect(answer.body.error_info).toContain("Billink")
  })

  it("answers unknown endpoints with a 404 JSON error", async () => {
    const answer = await t.api("GET", "gateways")
    expect(answer.status).toBe(404)
    expect(answer.body.success).toBe(false)
  })
})
