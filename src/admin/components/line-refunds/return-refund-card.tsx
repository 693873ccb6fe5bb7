import { Badge, Button, Checkbox, Label, Table, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { formatAmount } from "../../lib/format-amount"
import { useRefundReturn } from "../../lib/line-refunds-queries"
import { RefundSummary } from "../../lib/refund-summary"
import { refundErrorText } from "./refund-error"
import { useConfirmRefund } from "./use-confirm-refund"

type Return = RefundSummary["returns"][number]

/**
 * One received return: per line the units received, refunded and still to refund with their
 * amounts, the shipping as its own line, and a button whose amount is exactly what it refunds
 * (with the shipping when ticked).
 */
export function ReturnRefundCard(props: { ret: Return; summary: RefundSummary }) {
  const { ret, summary } = props
  const currency = summary.currency_code
  const [withShipping, setWithShipping] = useState(false)
  const refund = useRefundReturn()
  const confirm = useConfirmRefund()
  const shippingOffered = ret.amount_to_refund_with_shipping !== null
  const shipping = withShipping && shippingOffered
  const amount = shipping ? ret.amount_to_refund_with_shipping : ret.amount_to_refund
  const refundsOfReturn = summary.refunds.filter((r) => r.return_ids.includes(ret.id))

  const press = async () => {
    if (!amount) return
    const lines = [
      ...ret.lines
        .filter((l) => l.to_refund > 0)
        .map((l) => ({ title: l.title, quantity: l.to_refund, amount: l.amount_to_refund })),
      ...(shipping
        ? ret.shipping_to_refund.map((s) => ({
            title: `Shipping (${s.name})`,
            quantity: 1,
            amount: s.amount,
          }))
        : []),
    ]
    if (!(await confirm({ amount, currencyCode: currency, lines, gateway: summary.gateway })))
      return
    refund.mutate(
      { returnId: ret.id, includeShipping: shipping },
      {
        onSuccess: () => toast.success(`Refunded ${formatAmount(amount, currency)}`),
        onError: (error) => toast.error(refundErrorText(error)),
      },
    )
  }

  return (
    <div className="flex flex-col gap-3 px-6 py-4" data-testid={`return-${ret.id}`}>
      <div className="flex items-center justify-between gap-3">
        <Text weight="plus">Return {ret.label}</Text>
        <ReturnBadge ret={ret} refunds={refundsOfReturn} />
      </div>
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Item</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Received</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Refunded</Table.HeaderCell>
            <Table.HeaderCell className="text-right">To refund</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {ret.lines.map((line) => (
            <Table.Row key={line.line_item_id}>
              <Table.Cell>{line.title}</Table.Cell>
              <Table.Cell className="text-right">{line.received}</Table.Cell>
              <Table.Cell className="text-right">
                {line.refunded} · {formatAmount(line.amount_refunded, currency)}
                {line.in_doubt > 0 ? ` (+${line.in_doubt} in doubt)` : ""}
              </Table.Cell>
              <Table.Cell className="text-right">
                {line.to_refund} ·{" "}
                {formatAmount(line.to_refund ? line.amount_to_refund : "0", currency)}
              </Table.Cell>
            </Table.Row>
          ))}
          {summary.shipping.map((method) => {
            // the order's shipping, refunded with whichever refund included it
            const offered = ret.shipping_to_refund.find((s) => s.name === method.name)
            return (
              <Table.Row key={method.shipping_method_id}>
                <Table.Cell>Shipping ({method.name})</Table.Cell>
                <Table.Cell className="text-right">–</Table.Cell>
                <Table.Cell className="text-right">
                  {formatAmount(method.refunded, currency)}
                </Table.Cell>
                <Table.Cell className="text-right">
                  {!offered || !shippingOffered
                    ? formatAmount("0", currency)
                    : shipping
                      ? formatAmount(offered.amount, currency)
                      : `not included (${formatAmount(offered.amount, currency)})`}
                </Table.Cell>
              </Table.Row>
            )
          })}
        </Table.Body>
      </Table>
      {amount && (
        <div className="flex items-center justify-end gap-4">
          {shippingOffered && (
            <div className="flex items-center gap-2">
              <Checkbox
                id={`ship-${ret.id}`}
                checked={withShipping}
                onCheckedChange={(checked) => setWithShipping(checked === true)}
              />
              <Label htmlFor={`ship-${ret.id}`}>Include shipping</Label>
            </div>
          )}
          <Button size="small" isLoading={refund.isPending} onClick={press}>
            Refund {formatAmount(amount, currency)}
          </Button>
        </div>
      )}
    </div>
  )
}

/** Refunded only when the gateway says so; pending and in-doubt refunds say what they are. */
function ReturnBadge(props: { ret: Return; refunds: RefundSummary["refunds"] }) {
  const { ret, refunds } = props
  if (ret.lines.some((l) => l.in_doubt > 0))
    return (
      <Badge color="orange" data-testid="return-status">
        Refund in doubt
      </Badge>
    )
  if (ret.amount_to_refund)
    return (
      <Badge color="blue" data-testid="return-status">
        Waiting for refund
      </Badge>
    )
  if (refunds.some((r) => r.status === "pending"))
    return (
      <Badge color="orange" data-testid="return-status">
        Refund pending
      </Badge>
    )
  return (
    <Badge color="green" data-testid="return-status">
      Refunded
    </Badge>
  )
}
