/**
 * `npm run bench`: how long the refund plan takes for large orders, against targets. The plan is
 * computed inside the admin's Refund request (under the payment lock), so it must stay well below
 * the time a person notices. Exits 1 when a target is missed.
 */
import { performance } from "node:perf_hooks"
import {
  buildRefundPlan,
  emptyLedger,
  OrderSnapshot,
  ReceivedReturnSnapshot,
} from "../../src/core/refund-plan"

const TARGETS = { p95Ms200Lines: 50, heapGrowthMb: 64 }

function largeOrder(lines: number): { order: OrderSnapshot; returns: ReceivedReturnSnapshot[] } {
  const rates = ["21", "9", "0", "7.7"]
  const items = Array.from({ length: lines }, (_, i) => ({
    id: `ordli_${i}`,
    title: `Item ${i}`,
    variant_sku: `SKU-${i}`,
    quantity: 3,
    unit_price: ((i * 37) % 9000) / 100 + 1,
    is_tax_inclusive: i % 2 === 0,
    tax_lines: [{ rate: rates[i % rates.length] }],
    adjustments: i % 3 === 0 ? [{ amount: "1.50", is_tax_inclusive: i % 2 === 0 }] : [],
  }))
  const order = {
    id: "order_bench",
    currency_code: "eur",
    items,
    shipping_methods: [{ id: "sm_1", name: "Post", amount: "4.95", tax_lines: [{ rate: "21" }] }],
  }
  const returns = [
    {
      id: "ret_1",
      received_at: "2026-01-01",
      items: items.map((it) => ({ item_id: it.id, received_quantity: 1 })),
    },
    {
      id: "ret_2",
      received_at: "2026-01-02",
      items: items.filter((_, i) => i % 2).map((it) => ({ item_id: it.id, received_quantity: 2 })),
    },
  ]
  return { order, returns }
}

function percentile(samples: number[], p: number) {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

const { order, returns } = largeOrder(200)
for (let i = 0; i < 20; i++)
  buildRefundPlan({ order, returns, ledger: emptyLedger(), shipping: true })

global.gc?.()
const heapBefore = process.memoryUsage().heapUsed
const samples: number[] = []
for (let i = 0; i < 300; i++) {
  const started = performance.now()
  buildRefundPlan({ order, returns, ledger: emptyLedger(), shipping: true })
  samples.push(performance.now() - started)
}
global.gc?.()
const heapGrowthMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024

const result = {
  lines: 200,
  runs: samples.length,
  median_ms: Number(percentile(samples, 50).toFixed(2)),
  p95_ms: Number(percentile(samples, 95).toFixed(2)),
  heap_growth_mb: Number(heapGrowthMb.toFixed(1)),
}
console.log(JSON.stringify(result))
const missed = [
  result.p95_ms > TARGETS.p95Ms200Lines && `p95 ${result.p95_ms} ms > ${TARGETS.p95Ms200Lines} ms`,
  result.heap_growth_mb > TARGETS.heapGrowthMb &&
    `heap growth ${result.heap_growth_mb} MB > ${TARGETS.heapGrowthMb} MB`,
].filter(Boolean)
if (missed.length) {
  console.error(`refund-plan benchmark missed its targets: ${missed.join("; ")}`)
  process.exit(1)
}
