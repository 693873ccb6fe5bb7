/** One figure of `npm run bench`: always a ratio, a slope or a count measured in the same run. */
export interface BenchRow {
  section: string
  name: string
  value: number
  unit: string // "×", "ms", "µs/line", "calls", "MB", …
  /** the target, when the issue sets one, e.g. "< 5 ms" */
  target?: string
  met?: boolean
  note?: string
}
export interface BenchSection {
  section: string
  rows: BenchRow[]
  /** raw samples or details written to the JSON file */
  details?: Record<string, unknown>
}
