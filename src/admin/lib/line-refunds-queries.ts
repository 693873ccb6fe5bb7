import { QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useEffect } from "react"
import { RefundPreview, RefundSummary } from "./refund-summary"
import { sdk } from "./sdk"

/**
 * The widget's data lives under Medusa admin's own order detail key (the dashboard's
 * `ordersQueryKeys.detail(id)` is ["orders", "detail", id, …]), so every Medusa mutation that
 * invalidates the order's details (its Refund form, receiving a return, a capture) refreshes the
 * widget too.
 */
export const lineRefundsKey = (orderId: string) =>
  ["orders", "detail", orderId, "line-refunds"] as const

export function useRefundSummary(orderId: string) {
  return useQuery({
    queryKey: lineRefundsKey(orderId),
    queryFn: () => sdk.client.fetch<RefundSummary>(`/admin/line-refunds/orders/${orderId}`),
  })
}

/**
 * After a refund through the plugin, every section of Medusa's order page must show the new
 * state: the order (summary, outstanding amount, payments, activity), its previews and changes,
 * payments and payment collections. These are the dashboard's query key roots.
 */
export async function refreshOrderPage(queryClient: QueryClient) {
  await Promise.all(
    ["orders", "payment", "payment-collection", "returns"].map((root) =>
      queryClient.invalidateQueries({ queryKey: [root] }),
    ),
  )
}

/**
 * Medusa's own mutations on the page (its Refund form, return and claim flows) may not invalidate
 * the order details; the widget refetches whenever any of them succeeds.
 */
export function useRefetchOnMedusaMutations(orderId: string) {
  const queryClient = useQueryClient()
  useEffect(
    () =>
      queryClient.getMutationCache().subscribe((event) => {
        if (event.type !== "updated" || event.action.type !== "success") return
        void queryClient.invalidateQueries({ queryKey: lineRefundsKey(orderId) })
      }),
    [queryClient, orderId],
  )
}

export interface ChosenLines {
  lines: Array<{ line_item_id: string; quantity: number }>
  shipping_method_ids: string[]
}

/** What refunding these chosen lines would refund, by the same rule as the refund itself. */
export function useRefundPreview(orderId: string, chosen: ChosenLines) {
  const empty = !chosen.lines.some((l) => l.quantity > 0) && !chosen.shipping_method_ids.length
  return useQuery({
    queryKey: [...lineRefundsKey(orderId), "preview", chosen],
    queryFn: () =>
      sdk.client.fetch<RefundPreview>(`/admin/line-refunds/orders/${orderId}/refund-preview`, {
        method: "POST",
        body: chosen,
      }),
    enabled: !empty,
    retry: false,
  })
}

/** Refunds one received return's lines (and its shipping when asked). */
export function useRefundReturn() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: { returnId: string; includeShipping: boolean }) =>
      sdk.client.fetch(`/admin/line-refunds/returns/${input.returnId}/refund`, {
        method: "POST",
        body: { include_shipping: input.includeShipping },
      }),
    // a refused or doubtful refund may have changed the ledger too (a refund now in doubt)
    onSettled: () => refreshOrderPage(queryClient),
  })
}

/** Refunds lines and shipping chosen without a return. */
export function useRefundChosenLines(orderId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (chosen: ChosenLines) =>
      sdk.client.fetch(`/admin/line-refunds/orders/${orderId}/refund`, {
        method: "POST",
        body: chosen,
      }),
    onSettled: () => refreshOrderPage(queryClient),
  })
}
