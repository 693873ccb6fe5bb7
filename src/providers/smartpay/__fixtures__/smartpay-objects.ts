/**
 * Smartpay's answers as the API writes them (docs/gateways/smartpay.md#checkout-sessions-and-orders,
 * #capture, #refund-answer): raw JSON, whole yen, times in ms since the epoch.
 */
export const ORDER_ID = "order_test_Q3mUn1Yc8xTgV5kWn2rBzA"
export const PAYMENT_1 = "payment_test_Aa1111111111111111111"
export const PAYMENT_2 = "payment_test_Bb2222222222222222222"
export const LI_SHIRT = "li_test_Shirt000000000000000001"
export const LI_MUG = "li_test_Mug00000000000000000002"
export const LI_ROUNDING = "li_test_Round000000000000000003"

type Json = Record<string, unknown>

export function lineItem(id: string, cartLineId: string | null, kind = "product"): Json {
  return {
    id,
    object: "lineItem",
    kind,
    quantity: 1,
    metadata: cartLineId ? { medusa_line_item_id: cartLineId } : {},
    price: { amount: 100, currency: "JPY", product: { name: "x" } },
  }
}

export function payment(id: string, amount: number, refunds: string[] = [], createdAt = 1): Json {
  return {
    id,
    object: "payment",
    test: true,
    status: "processed",
    order: ORDER_ID,
    amount,
    currency: "JPY",
    lineItems: [LI_SHIRT, LI_MUG],
    refunds,
    createdAt,
  }
}

export function refund(id: string, paymentId: string, amount: number, extra: Json = {}): Json {
  return {
    id,
    object: "refund",
    test: true,
    status: "succeeded",
    payment: paymentId,
    amount,
    currency: "JPY",
    lineItems: [],
    reason: "requested_by_customer",
    reference: null,
    description: null,
    metadata: {},
    createdAt: 1_764_670_000_000,
    ...extra,
  }
}

export function order(status: string, payments: Json[] = [], extra: Json = {}): Json {
  return {
    id: ORDER_ID,
    object: "order",
    test: true,
    status,
    amount: 8850,
    currency: "JPY",
    captureMethod: "manual",
    lineItems: [lineItem(LI_SHIRT, "cali_shirt"), lineItem(LI_MUG, "cali_mug")],
    payments,
    reference: "payses_01JSMARTPAY0000000000000001",
    metadata: { medusa_session_id: "payses_01JSMARTPAY0000000000000001" },
    createdAt: 1_764_660_000_000,
    ...extra,
  }
}
