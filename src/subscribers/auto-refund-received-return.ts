import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { refundWithPlanWorkflow, selectPaymentForReturn } from "../workflows"
import { LINE_REFUNDS_MODULE, LineRefundsModuleService } from "../modules/line-refunds"
import { loadReturnReceipt, notRefundedMessage } from "./_staff-receipt"

/**
 * With `autoRefundOnReturnReceived` on, a received return is refunded without anyone pressing
 * Refund: the same workflow as the admin route, so the same lock, plan and ledger apply, and a
 * return that staff already refunded is not refunded again. Only returns staff received are
 * refunded: the store's `POST /store/returns` with `receive_now` needs no login and also emits
 * `order.return_received` (docs/medusa.md#who-received-a-return).
 */
export default async function autoRefundReceivedReturn({
  event,
  container,
}: SubscriberArgs<{ order_id: string; return_id: string }>) {
  const { options } = container.resolve<LineRefundsModuleService>(LINE_REFUNDS_MODULE)
  if (!options.autoRefundOnReturnReceived) return
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const returnId = event.data.return_id
  try {
    const receipt = await loadReturnReceipt(container, returnId)
    if (!receipt.by_staff) {
      logger.warn(notRefundedMessage(receipt, event.data))
      return
    }
    const paymentId = await selectPaymentForReturn(container, returnId)
    const { result } = await refundWithPlanWorkflow(container).run({
      input: {
        payment_id: paymentId,
        request: {
          kind: "return",
          return_id: returnId,
          include_shipping: options.autoRefundShipping,
          source: "auto_refund",
        },
        note: `Automatic refund of return ${returnId}`,
        lock_timeout_seconds: options.lockTimeoutSeconds,
      },
    })
    logger.info(
      `line-refunds: refunded return ${returnId} of order ${event.data.order_id} automatically (${result.plan.amount} ${result.plan.currency_code.toUpperCase()}, payment ${paymentId})`,
    )
  } catch (error) {
    const nothingToDo =
      MedusaError.isMedusaError(error) &&
      (error as MedusaError).type === MedusaError.Types.NOT_ALLOWED
    const message = `line-refunds: automatic refund of return ${returnId} of order ${event.data.order_id} did not happen: ${(error as Error).message}`
    if (nothingToDo) logger.warn(message)
    else logger.error(message)
  }
}

export const config: SubscriberConfig = {
  event: "order.return_received",
  context: { subscriberId: "line-refunds-auto-refund-received-return" },
}
