import { defineWidgetConfig } from "@medusajs/admin-sdk"
import {
  Badge,
  Button,
  Checkbox,
  Container,
  Heading,
  Label,
  Table,
  Text,
  toast,
} from "@medusajs/ui"
import { useCallback, useEffect, useState } from "react"

type Summary = {
  currency_code: string
  payment_id: string | null
  returns: Array<{
    id: string
    display_id: number | null
    lines: Array<{
      line_item_id: string
      title: string
      received: number
      refunded: number
      /** units of a refund whose outcome is unknown: held until the gateway has been asked */
      in_doubt: number
      to_refund: number
    }>
    amount_to_refund: string | null
  }>
  refunds: Array<{
    id: string
    refund_id: string | null
    kind: "lines" | "amount"
    amount: string
    status: "in_doubt" | "pending" | "succeeded" | "failed" | "released"
    source: string
    created_at: string
    lines: Array<{ title: string; quantity: number; kind: "item" | "shipping" }>
    failure_reason?: string | null
    gateway_reference?: string | null
  }>
}

/**
 * "24.20 EUR": an amount rounded half up to the currency's own minor unit (JPY 0, EUR 2, KWD 3
 * decimals), as the gateway refunds it. Ledger amounts are what Medusa booked, at full precision
 * ("24.2", "18.0895"), as decimal strings: rounded as strings, never through a float.
 */
function formatAmount(amount: string, currencyCode: string): string {
  const code = currencyCode.toUpperCase()
  const digits =
    new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions()
      .maximumFractionDigits ?? 2
  const negative = amount.trim().startsWith("-")
  const [whole, fraction = ""] = amount.trim().replace(/^-/, "").split(".")
  const kept = (fraction + "0".repeat(digits + 1)).slice(0, digits + 1)
  let scaled = BigInt(whole + kept.slice(0, digits))
  if (Number(kept[digits]) >= 5) scaled += BigInt(1)
  const text = scaled.toString().padStart(digits + 1, "0")
  const rounded = digits ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text
  return `${negative ? "-" : ""}${rounded} ${code}`
}

const STATUS_COLOR = {
  in_doubt: "orange",
  pending: "orange",
  succeeded: "green",
  failed: "red",
  released: "grey",
} as const
const STATUS_LABEL = {
  in_doubt: "in doubt",
  pending: "pending",
  succeeded: "succeeded",
  failed: "failed",
  released: "not made",
} as const

/**
 * On the order page: each received return with what is left to refund and a button that refunds
 * exactly those units through the payment's gateway; below, the refunds made with their lines.
 */
const ReturnRefundsWidget = ({ data: order }: { data: { id: string } }) => {
  const [summary, setSummary] = useState<Summary | null>(null)
  const [withShipping, setWithShipping] = useState<Record<string, boolean>>({})
  const [busy, setBusy] = useState<string | null>(null)

  const load = useCallback(async () => {
    const response = await fetch(`/admin/line-refunds/orders/${order.id}`, {
      credentials: "include",
    })
    if (response.ok) setSummary(await response.json())
  }, [order.id])

  useEffect(() => {
    void load()
  }, [load])

  const refundReturn = async (returnId: string) => {
    setBusy(returnId)
    try {
      const response = await fetch(`/admin/line-refunds/returns/${returnId}/refund`, {
        method: "POST",
        credentials: "include",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ include_shipping: !!withShipping[returnId] }),
      })
      const body = await response.json()
      if (!response.ok) throw new Error(body.message ?? response.statusText)
      toast.success(
        `Refunded ${body.refund_plan.amount} ${body.refund_plan.currency_code.toUpperCase()}`,
      )
      await load()
    } catch (error) {
      toast.error((error as Error).message)
    } finally {
      setBusy(null)
    }
  }

  if (!summary || (!summary.returns.length && !summary.refunds.length)) return null
  const currency = summary.currency_code.toUpperCase()

  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Return refunds</Heading>
      </div>
      {summary.returns.map((ret) => (
        <div key={ret.id} className="flex flex-col gap-3 px-6 py-4">
          <div className="flex items-center justify-between">
            <Text weight="plus">Return #{ret.display_id ?? ret.id}</Text>
            {ret.amount_to_refund ? (
              <div className="flex items-center gap-3">
                <div className="flex items-center gap-2">
                  <Checkbox
                    id={`ship-${ret.id}`}
                    checked={!!withShipping[ret.id]}
                    onCheckedChange={(checked) =>
                      setWithShipping((s) => ({ ...s, [ret.id]: checked === true }))
                    }
                  />
                  <Label htmlFor={`ship-${ret.id}`}>Include shipping</Label>
                </div>
                <Button
                  size="small"
                  isLoading={busy === ret.id}
                  onClick={() => refundReturn(ret.id)}
                >
                  Refund {ret.amount_to_refund} {currency}
                </Button>
              </div>
            ) : ret.lines.some((l) => l.in_doubt > 0) ? (
              <Badge color="orange">Refund in doubt</Badge>
            ) : (
              <Badge color="green">Refunded</Badge>
            )}
          </div>
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Item</Table.HeaderCell>
                <Table.HeaderCell>Received</Table.HeaderCell>
                <Table.HeaderCell>Refunded</Table.HeaderCell>
                <Table.HeaderCell>To refund</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {ret.lines.map((line) => (
                <Table.Row key={line.line_item_id}>
                  <Table.Cell>{line.title}</Table.Cell>
                  <Table.Cell>{line.received}</Table.Cell>
                  <Table.Cell>
                    {line.refunded}
                    {line.in_doubt > 0 ? ` (+${line.in_doubt} in doubt)` : ""}
                  </Table.Cell>
                  <Table.Cell>{line.to_refund}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      ))}
      {summary.refunds.length > 0 && (
        <div className="flex flex-col gap-2 px-6 py-4">
          <Text weight="plus">Refunds</Text>
          {summary.refunds.map((refund) => (
            <div key={refund.id} className="flex items-start justify-between gap-3">
              <div className="flex flex-col">
                <Text size="small">
                  {formatAmount(refund.amount, currency)} ·{" "}
                  {refund.kind === "lines"
                    ? refund.lines
                        .map((line) =>
                          line.kind === "shipping"
                            ? `shipping (${line.title})`
                            : `${line.quantity}× ${line.title}`,
                        )
                        .join(", ")
                    : "amount only"}
                  {refund.source === "gateway_report" ? " · made at the gateway" : ""}
                </Text>
                {refund.status === "in_doubt" && (
                  <Text size="small" className="text-ui-fg-subtle">
                    The gateway may have made this refund, but its answer was lost. The plugin is
                    checking with the gateway; do not refund these items again.
                  </Text>
                )}
                {refund.status === "failed" && (
                  // the refund was taken off the order; the reason tells staff what to do next
                  <Text size="small" className="text-ui-fg-error">
                    Failed at the gateway: {refund.failure_reason ?? "no reason given"}. The amount
                    is owed again.
                  </Text>
                )}
              </div>
              <Badge color={STATUS_COLOR[refund.status]} className="shrink-0 whitespace-nowrap">
                {STATUS_LABEL[refund.status]}
              </Badge>
            </div>
          ))}
        </div>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "order.details.side" })

export default ReturnRefundsWidget
