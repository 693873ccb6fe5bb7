import { usePrompt } from "@medusajs/ui"
import { describeLines, formatAmount } from "../../lib/format-amount"

/**
 * Money leaves the store only after staff confirm, in Medusa UI's own prompt, what they are
 * refunding: the amount, the lines and the gateway that pays it back.
 */
export function useConfirmRefund() {
  const prompt = usePrompt()
  return (input: {
    amount: string
    currencyCode: string
    lines: ReadonlyArray<{ title: string; quantity: number; amount: string }>
    gateway: string
  }) =>
    prompt({
      title: `Refund ${formatAmount(input.amount, input.currencyCode)}?`,
      description: `${input.gateway} will pay back ${formatAmount(input.amount, input.currencyCode)} to the customer for ${describeLines(input.lines, input.currencyCode)}. A refund cannot be taken back.`,
      confirmText: `Refund ${formatAmount(input.amount, input.currencyCode)}`,
      cancelText: "Cancel",
      variant: "confirmation",
    })
}
