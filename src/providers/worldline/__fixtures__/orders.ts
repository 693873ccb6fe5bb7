import { readFileSync } from "node:fs"
import path from "node:path"
import { orderSchema, WorldlineOrder } from "../api/schemas"

const KEYS = path.join(__dirname, "../../../../integration-tests/sandboxes/worldline/dev-keys")
export const PRIVATE_KEY_1 = readFileSync(path.join(KEYS, "merchant-key-1.private.pem"), "utf8")
export const PUBLIC_KEY_1 = readFileSync(path.join(KEYS, "merchant-key-1.public.pem"), "utf8")
export const PRIVATE_KEY_2 = readFileSync(path.join(KEYS, "merchant-key-2.private.pem"), "utf8")
export const PUBLIC_KEY_2 = readFileSync(path.join(KEYS, "merchant-key-2.public.pem"), "utf8")

export const MID = "1570616552"
export const ORDER_ID = "payses_01JWLTEST0000000000000001"

type Tx = Record<string, unknown>

export function tx(
  id: string,
  type: string,
  state: string,
  amount: number | string,
  extra: Tx = {},
): Tx {
  return {
    transactionId: id,
    transactionType: type,
    state,
    statusCode: 0,
    description: state === "Processed" ? "Approved" : state,
    amount: { amount, currency: "EUR" },
    referenceTransactionId: null,
    requestId: null,
    createdAt: `2026-12-02T10:00:0${id.slice(-1)}.000Z`,
    ...extra,
  }
}

/** An order read as Worldline would answer it (raw JSON-shaped), EUR 61.05 by default. */
export function rawOrder(transactions: Tx[], extra: Tx = {}): Record<string, unknown> {
  return {
    mid: MID,
    orderId: ORDER_ID,
    orderState: "Paid",
    paymentMethodId: 1000,
    capturable: false,
    orderAmount: { amount: 61.05, currency: "EUR" },
    authorizedAmount: { amount: 61.05, currency: "EUR" },
    capturedAmount: { amount: 61.05, currency: "EUR" },
    refundedAmount: { amount: 0, currency: "EUR" },
    transactions,
    ...extra,
  }
}

export function order(transactions: Tx[], extra: Tx = {}): WorldlineOrder {
  return orderSchema.parse(rawOrder(transactions, extra))
}

/** Paid in one capture. */
export const PAID_ONCE = () =>
  order([
    tx("7000001", "Authorization", "Processed", 61.05),
    tx("7000002", "Capture", "Processed", 61.05),
  ])

/** Paid in two captures: 40.00 then 21.05. */
export const PAID_TWICE = (refunds: Tx[] = []) =>
  order([
    tx("7000001", "Authorization", "Processed", 61.05),
    tx("7000002", "Capture", "Processed", 40),
    tx("7000003", "Capture", "Processed", 21.05),
    ...refunds,
  ])
