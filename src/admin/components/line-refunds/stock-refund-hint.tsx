import { Text } from "@medusajs/ui"
import { describeLines, formatAmount } from "../../lib/format-amount"
import { RefundSummary } from "../../lib/refund-summary"

/**
 * What Medusa's own Refund form (in the Payments section) will do with the amount it pre-fills,
 * so staff know before they press it: the received lines it refunds, or that it goes by amount.
 */
export function StockRefundHint(props: { summary: RefundSummary }) {
  const { stock_refund: stock, currency_code: currency } = props.summary
  if (!stock) return null
  const prefill = `${formatAmount(stock.amount, currency)}${stock.owed ? "" : " (the whole payment, as nothing is owed)"}`
  const text =
    stock.kind === "lines"
      ? `Medusa's Refund form pre-fills ${prefill}: that refunds ${describeLines(stock.lines, currency)}, by line. Any other amount is refunded as an amount only, without lines.`
      : stock.kind === "amount"
        ? `Medusa's Refund form pre-fills ${prefill}: that is refunded as an amount only, without lines, since no received return is owed exactly that. To refund items, use the buttons here.`
        : `Medusa's Refund form pre-fills ${prefill}, and the plugin will refuse that amount: ${stock.refused} To refund items, use the buttons here.`
  return (
    <div className="px-6 py-3" data-testid="stock-refund-hint">
      <Text size="small" className="text-ui-fg-subtle">
        {text}
      </Text>
    </div>
  )
}
