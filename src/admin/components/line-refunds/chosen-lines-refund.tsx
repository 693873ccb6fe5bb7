import { Button, Checkbox, Input, Label, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { formatAmount } from "../../lib/format-amount"
import { ChosenLines, useRefundChosenLines, useRefundPreview } from "../../lib/line-refunds-queries"
import { RefundSummary } from "../../lib/refund-summary"
import { refundErrorText } from "./refund-error"
import { useConfirmRefund } from "./use-confirm-refund"

/**
 * Refund chosen lines and quantities that were never returned (a damaged or missing item, a
 * goodwill refund of shipping) through the same plan as a return, so the gateway gets the lines.
 * The button states the amount the backend computed for exactly this choice.
 */
export function ChosenLinesRefund(props: { summary: RefundSummary }) {
  const { summary } = props
  const currency = summary.currency_code
  const [open, setOpen] = useState(false)
  const [quantities, setQuantities] = useState<Record<string, number>>({})
  const [shipping, setShipping] = useState<Record<string, boolean>>({})
  const chosen: ChosenLines = {
    lines: Object.entries(quantities)
      .filter(([, quantity]) => quantity > 0)
      .map(([line_item_id, quantity]) => ({ line_item_id, quantity })),
    shipping_method_ids: Object.keys(shipping).filter((id) => shipping[id]),
  }
  const preview = useRefundPreview(summary.order_id, chosen)
  const refund = useRefundChosenLines(summary.order_id)
  const confirm = useConfirmRefund()
  const items = summary.items.filter((i) => i.refundable > 0)
  const methods = summary.shipping.filter((s) => Number(s.refundable) > 0)
  if (!items.length && !methods.length) return null

  const press = async () => {
    if (!preview.data) return
    const ok = await confirm({
      amount: preview.data.amount,
      currencyCode: currency,
      lines: preview.data.lines,
      gateway: summary.gateway,
    })
    if (!ok) return
    refund.mutate(chosen, {
      onSuccess: () => {
        toast.success(`Refunded ${formatAmount(preview.data!.amount, currency)}`)
        setQuantities({})
        setShipping({})
        setOpen(false)
      },
      onError: (error) => toast.error(refundErrorText(error)),
    })
  }

  if (!open) {
    return (
      <div className="flex items-center justify-between px-6 py-4">
        <Text size="small" className="text-ui-fg-subtle">
          A damaged or missing item, or shipping to pay back without a return?
        </Text>
        <Button size="small" variant="secondary" onClick={() => setOpen(true)}>
          Refund items without a return
        </Button>
      </div>
    )
  }
  return (
    <div className="flex flex-col gap-3 px-6 py-4" data-testid="chosen-lines">
      <Text weight="plus">Refund items without a return</Text>
      {items.map((item) => (
        <div key={item.line_item_id} className="flex items-center justify-between gap-3">
          <Label htmlFor={`qty-${item.line_item_id}`}>
            {item.title}{" "}
            <span className="text-ui-fg-subtle">
              ({formatAmount(item.unit_amount, currency)} each, {item.refundable} left to refund)
            </span>
          </Label>
          <Input
            id={`qty-${item.line_item_id}`}
            aria-label={`Units of ${item.title} to refund`}
            className="w-20"
            size="small"
            type="number"
            min={0}
            max={item.refundable}
            value={quantities[item.line_item_id] ?? 0}
            onChange={(event) =>
              setQuantities((q) => ({
                ...q,
                [item.line_item_id]: Math.max(0, Math.floor(Number(event.target.value) || 0)),
              }))
            }
          />
        </div>
      ))}
      {methods.map((method) => (
        <div key={method.shipping_method_id} className="flex items-center gap-2">
          <Checkbox
            id={`chosen-ship-${method.shipping_method_id}`}
            checked={!!shipping[method.shipping_method_id]}
            onCheckedChange={(checked) =>
              setShipping((s) => ({ ...s, [method.shipping_method_id]: checked === true }))
            }
          />
          <Label htmlFor={`chosen-ship-${method.shipping_method_id}`}>
            Shipping ({method.name}), {formatAmount(method.refundable, currency)}
          </Label>
        </div>
      ))}
      {preview.error && (
        <Text size="small" className="text-ui-fg-error">
          {refundErrorText(preview.error)}
        </Text>
      )}
      <div className="flex justify-end gap-2">
        <Button size="small" variant="secondary" onClick={() => setOpen(false)}>
          Close
        </Button>
        <Button
          size="small"
          disabled={!preview.data || preview.isFetching}
          isLoading={refund.isPending}
          onClick={press}
        >
          {preview.data ? `Refund ${formatAmount(preview.data.amount, currency)}` : "Choose items"}
        </Button>
      </div>
    </div>
  )
}
