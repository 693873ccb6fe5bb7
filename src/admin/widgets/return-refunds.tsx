import { defineWidgetConfig } from "@medusajs/admin-sdk"
import { Container, Heading, Text } from "@medusajs/ui"
import { ChosenLinesRefund } from "../components/line-refunds/chosen-lines-refund"
import { RefundHistory } from "../components/line-refunds/refund-history"
import { ReturnRefundCard } from "../components/line-refunds/return-refund-card"
import { StockRefundHint } from "../components/line-refunds/stock-refund-hint"
import { useRefetchOnMedusaMutations, useRefundSummary } from "../lib/line-refunds-queries"

/**
 * On the order page, below Medusa's own sections: each received return with what is left to
 * refund and a button that refunds exactly those lines through the payment's gateway, a way to
 * refund chosen items without a return, what Medusa's Refund form would do, and the refunds made.
 */
const ReturnRefundsWidget = ({ data: order }: { data: { id: string } }) => {
  const { data: summary } = useRefundSummary(order.id)
  useRefetchOnMedusaMutations(order.id)
  if (!summary?.payment_id) return null

  return (
    <Container className="divide-y p-0" data-testid="line-refunds-widget">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Refunds by line</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          through {summary.gateway}
        </Text>
      </div>
      {summary.returns.map((ret) => (
        <ReturnRefundCard key={ret.id} ret={ret} summary={summary} />
      ))}
      <ChosenLinesRefund summary={summary} />
      <StockRefundHint summary={summary} />
      <RefundHistory summary={summary} />
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "order.details.after" })

export default ReturnRefundsWidget
