// Not a subscriber: Medusa's loader skips files whose name starts with "_".
import { MedusaContainer } from "@medusajs/framework/types"
import { Modules, OrderChangeStatus, OrderChangeType } from "@medusajs/framework/utils"

/** The fields of a return's order changes that tell who received it (docs/medusa.md#who-received-a-return). */
export interface ReturnChange {
  id: string
  change_type?: string | null
  status?: string | null
  created_by?: string | null
  confirmed_by?: string | null
}

export type ReturnReceipt =
  | { by_staff: true; users: string[] }
  | {
      by_staff: false
      /** "no_actor": no one was signed in (the store's `receive_now`); "not_a_user": another actor */
      reason: "no_receipt" | "no_actor" | "not_a_user"
      actors: string[]
    }

/** Medusa's ids of admin users (the user module's `user_` prefix). */
const isStaffUser = (actor: string | null | undefined): actor is string =>
  typeof actor === "string" && actor.startsWith("user_")

/**
 * Whether staff received a return, from its order changes: every confirmed `return_receive`
 * change of the return must have been confirmed (or, when Medusa sets no confirmer, created) by
 * an admin user. The store's `POST /store/returns` with `receive_now` leaves both empty; one such
 * receipt on a return is enough to leave the whole return to staff, since an automatic refund of
 * the return would refund the units it received too.
 */
export function returnReceipt(changes: ReturnChange[]): ReturnReceipt {
  const receipts = changes.filter(
    (c) =>
      c.change_type === OrderChangeType.RETURN_RECEIVE && c.status === OrderChangeStatus.CONFIRMED,
  )
  if (!receipts.length) return { by_staff: false, reason: "no_receipt", actors: [] }
  const actors = receipts.map((c) => c.confirmed_by || c.created_by || null)
  if (actors.every(isStaffUser)) return { by_staff: true, users: [...new Set(actors)] }
  const known = [...new Set(actors.filter((a): a is string => !!a && !isStaffUser(a)))]
  return {
    by_staff: false,
    reason: actors.some((a) => !a) ? "no_actor" : "not_a_user",
    actors: known,
  }
}

/** The warning logged when a received return is not refunded automatically. */
export function notRefundedMessage(
  receipt: Exclude<ReturnReceipt, { by_staff: true }>,
  ids: { order_id: string; return_id: string },
): string {
  const how =
    receipt.reason === "no_actor"
      ? "was received without staff (store receive_now)"
      : receipt.reason === "not_a_user"
        ? `was received by ${receipt.actors.join(", ")}, not a staff user`
        : "has no confirmed receipt"
  return `line-refunds: return ${ids.return_id} of order ${ids.order_id} ${how}; not refunded automatically, left for staff to refund from the order page`
}

/** Reads the return's order changes and decides with returnReceipt. */
export async function loadReturnReceipt(
  container: MedusaContainer,
  returnId: string,
): Promise<ReturnReceipt> {
  const changes = await container
    .resolve(Modules.ORDER)
    .listOrderChanges(
      { return_id: returnId },
      { select: ["id", "change_type", "status", "created_by", "confirmed_by"] },
    )
  return returnReceipt(changes as ReturnChange[])
}
