/**
 * `npm run bench`: every benchmark of the plugin in one run, one table, and the same figures as
 * JSON in .data/bench/results.json (git-ignored). This machine is shared and noisy, so every figure
 * is a ratio, a slope or a count measured side by side in this run, never a time compared with a
 * number from another day. Exits 1 when a figure misses its target.
 *
 *   plan-building.bench.ts    refund plans for 10 … 10,000 lines; heap over 10,000 plans
 *   refund-overhead.bench.ts  Medusa's own refund route without the plugin vs through it
 *   gateway-traffic.bench.ts  gateway calls per refund; webhook received → order updated
 *
 * `BENCH_ONLY=plan,overhead,traffic` runs some of them.
 */
import fs from "node:fs"
import path from "node:path"
import { BenchRow, BenchSection } from "./bench-types"
import { runGatewayTrafficBench } from "./gateway-traffic.bench"
import { runPlanBuildingBench } from "./plan-building.bench"
import { runRefundOverheadBench } from "./refund-overhead.bench"

const BENCHES: Record<string, () => Promise<BenchSection | BenchSection[]>> = {
  plan: runPlanBuildingBench,
  overhead: runRefundOverheadBench,
  traffic: runGatewayTrafficBench,
}

function table(rows: BenchRow[]): string {
  const cells = rows.map((row) => [
    row.section,
    row.name,
    `${formatValue(row.value)} ${row.unit}`,
    row.target ?? "",
    row.met === undefined ? "" : row.met ? "met" : "MISSED",
    row.note ?? "",
  ])
  const header = ["section", "figure", "value", "target", "", "note"]
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)))
  const line = (c: string[]) =>
    c
      .map((v, i) => v.padEnd(widths[i]))
      .join("  ")
      .trimEnd()
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n")
}

function formatValue(value: number): string {
  if (Number.isInteger(value)) return String(value)
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3)
}

async function main() {
  const only = (process.env.BENCH_ONLY ?? Object.keys(BENCHES).join(",")).split(",")
  const sections: BenchSection[] = []
  for (const name of only) {
    const bench = BENCHES[name.trim()]
    if (!bench) throw new Error(`unknown bench ${name}; one of ${Object.keys(BENCHES).join(", ")}`)
    const started = Date.now()
    const result = await bench()
    sections.push(...(Array.isArray(result) ? result : [result]))
    console.error(`[bench] ${name} done in ${((Date.now() - started) / 1000).toFixed(0)} s`)
  }
  const rows = sections.flatMap((s) => s.rows)
  console.log(`\n${table(rows)}\n`)
  const out = path.resolve(__dirname, "../../.data/bench/results.json")
  fs.mkdirSync(path.dirname(out), { recursive: true })
  fs.writeFileSync(
    out,
    JSON.stringify(
      { measured_at: new Date().toISOString(), node: process.version, sections },
      null,
      2,
    ),
  )
  console.log(`results: ${path.relative(process.cwd(), out)}`)
  const missed = rows.filter((row) => row.met === false)
  if (missed.length) {
    console.error(`missed: ${missed.map((r) => `${r.section} / ${r.name}`).join("; ")}`)
    process.exitCode = 1
  }
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
