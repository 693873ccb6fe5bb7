/** Adding a transaction to an order, and the order state that follows from it. */
import type { Minor } from "../money/amounts"
import type {
  StoredOrder,
  StoredTransaction,
  TransactionState,
  TransactionType,
} from "../state/order-model"
import { derivedState } from "../state/order-amounts"
import type { SandboxState } from "../state/sandbox-state"

export interface NewTransaction {
  transactionType: TransactionType
  state: TransactionState
  statusCode?: number
  description: string
  amountMinor: Minor
  referenceTransactionId: string | null
  requestId: string | null
}

/** A transaction as it would be stored, without storing it (a Rejected refund answer). */
export function makeTransaction(state: SandboxState, fields: NewTransaction): StoredTransaction {
  const now = state.nowIso()
  return {
    transactionId: state.nextTransactionId(),
    statusCode: 0,
    ...fields,
    createdAt: now,
    updatedAt: now,
  }
}

export function addTransaction(
  state: SandboxState,
  order: StoredOrder,
  fields: NewTransaction,
): StoredTransaction {
  const transaction = makeTransaction(state, fields)
  order.transactions.push(transaction)
  order.orderState = derivedState(order)
  return transaction
}

export function transactionsById(order: StoredOrder, ids: readonly string[]): StoredTransaction[] {
  return ids.flatMap((id) => order.transactions.filter((t) => t.transactionId === id))
}
