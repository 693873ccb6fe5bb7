import { mkdirSync, renameSync, writeFileSync } from "node:fs"
import path from "node:path"

/**
 * Where each faults suite writes what it measured, one JSON file per suite file; the jest
 * teardown (../report-faults.js) reads the files of the current run (written after the run
 * started), prints the one table and fails the run on any count that is not 0. Git-ignored.
 */
export const RESULTS_DIR = path.resolve(__dirname, "../../../.data/faults-results")

/** One row of the table: a gateway × entry point × fault, or one fuzzed route. */
export interface ResultRow {
  kind: "fault" | "fuzz"
  /** "Optty"; "plugin" for plugin routes fuzzed in every gateway's app */
  gateway: string
  /** the entry point ("return route") or the route fuzzed ("POST /hooks/payment/optty_optty") */
  entry: string
  /** the fault kind (kit/faults.ts), or "fuzz" */
  fault: string
  cases: number
  /** fault rows: the cases whose armed fault reached the gateway (null for fuzz rows) */
  faultsHit: number | null
  /** null where the column does not apply (fuzz rows: see stateChanges) */
  lost: number | null
  doubled: number | null
  fiveXx: number
  /** null for fault rows: they feed good input */
  stateChanges: number | null
  /** designed "gateway unavailable, nothing was done, try again" answers (503 + Retry-After) */
  retryLater: number
  /** one line per case that counted something, for the failure report */
  notes: string[]
}

export interface SuiteResultFile {
  suite: string
  seed: number | null
  startedAt: string
  /** set when the suite's test ran to its end (measured everything it announced) */
  finishedAt: string | null
  /** how long the suite file ran, boot included */
  wallMs: number | null
  /** the keys of every row the suite is meant to produce, written before it runs anything */
  expected: string[]
  rows: ResultRow[]
  /** what stopped the suite, if anything did */
  errors: string[]
  /** how long each phase took (ms), to see where the time goes */
  timings: Record<string, number>
}

export const rowKey = (row: Pick<ResultRow, "kind" | "gateway" | "entry" | "fault">) =>
  `${row.kind}|${row.gateway}|${row.entry}|${row.fault}`

/** The results of one suite file, saved after every change so a crash still leaves them. */
export class SuiteResults {
  private readonly file: SuiteResultFile
  private readonly started = Date.now()

  constructor(
    suite: string,
    private readonly target = path.join(RESULTS_DIR, `${suite}.json`),
  ) {
    this.file = {
      suite,
      seed: null,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      wallMs: null,
      expected: [],
      rows: [],
      errors: [],
      timings: {},
    }
  }

  setSeed(seed: number): void {
    this.file.seed = seed
    this.save()
  }

  expect(rows: Array<Pick<ResultRow, "kind" | "gateway" | "entry" | "fault">>): void {
    this.file.expected.push(...rows.map(rowKey))
    this.save()
  }

  add(rows: ResultRow[]): void {
    this.file.rows.push(...rows)
    this.save()
  }

  /** Records how long a phase took, from the previous mark (or the start). */
  mark(phase: string): void {
    const at = Date.now()
    this.file.timings[phase] = at - this.lastMark
    this.lastMark = at
    this.save()
  }

  private lastMark = Date.now()

  error(message: string): void {
    this.file.errors.push(message)
    this.save()
  }

  /** The test measured everything: called at its very end, never when it failed. */
  finish(): void {
    this.file.finishedAt = new Date().toISOString()
    this.save()
  }

  /** The suite file is done, whatever happened (jest's afterAll). */
  close(): void {
    this.file.wallMs = Date.now() - this.started
    this.save()
  }

  private save(): void {
    mkdirSync(path.dirname(this.target), { recursive: true })
    const temporary = `${this.target}.${process.pid}.tmp`
    writeFileSync(temporary, JSON.stringify(this.file, null, 2))
    renameSync(temporary, this.target)
  }
}
