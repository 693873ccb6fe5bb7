/**
 * Jest global teardown of the "faults" project (`npm run test:faults`): reads what each faults
 * suite of this run measured (support/results.ts writes one JSON file per suite file under
 * .data/faults-results/), prints the one table of reliability figures, and throws, so that jest
 * exits non-zero, when any count is not 0, when a suite stopped early or when a row the suites
 * were meant to produce is missing. It also stops the embedded PostgreSQL, as the integration
 * project's teardown does.
 */
"use strict"

const fs = require("node:fs")
const path = require("node:path")
const stopPostgres = require("../support/jest-global-teardown")

const RESULTS_DIR = path.resolve(__dirname, "../../.data/faults-results")
const SUITES_DIR = __dirname
/** every fuzzed route gets at least this many bodies in a full run */
const MIN_FUZZ_CASES = 1000
const COUNTS = ["lost", "doubled", "fiveXx", "stateChanges"]

function suiteFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return suiteFiles(full)
    return entry.name.endsWith(".faults.ts") ? [full] : []
  })
}

/** The suite files jest was asked to run (the whole folder, or those matching the pattern). */
function selectedSuites(globalConfig) {
  const all = suiteFiles(SUITES_DIR)
  const pattern = globalConfig && globalConfig.testPathPattern
  if (!pattern) return { suites: all, everything: true }
  let regex
  try {
    regex = new RegExp(pattern, "i")
  } catch {
    return { suites: all, everything: true }
  }
  const suites = all.filter((file) => regex.test(file))
  return { suites, everything: suites.length === all.length }
}

/** Result files written during this run (jest's main process started it). */
function readResults(runStartedMs) {
  if (!fs.existsSync(RESULTS_DIR)) return []
  return fs
    .readdirSync(RESULTS_DIR)
    .filter((name) => name.endsWith(".json"))
    .map((name) => path.join(RESULTS_DIR, name))
    .filter((file) => fs.statSync(file).mtimeMs >= runStartedMs)
    .map((file) => JSON.parse(fs.readFileSync(file, "utf8")))
}

const keyOf = (row) => `${row.kind}|${row.gateway}|${row.entry}|${row.fault}`

/** Fuzz rows of the plugin's routes come from every gateway's app: one row per route. */
function mergeRows(results) {
  const merged = new Map()
  for (const result of results) {
    for (const row of result.rows) {
      const key = keyOf(row)
      const known = merged.get(key)
      if (!known) {
        merged.set(key, { ...row, notes: [...row.notes], suites: [result.suite] })
        continue
      }
      known.cases += row.cases
      if (row.faultsHit !== null) known.faultsHit = (known.faultsHit ?? 0) + row.faultsHit
      for (const count of COUNTS) {
        if (row[count] !== null) known[count] = (known[count] ?? 0) + row[count]
      }
      known.retryLater += row.retryLater
      known.notes.push(...row.notes)
      known.suites.push(result.suite)
    }
  }
  return [...merged.values()]
}

function table(rows) {
  const header = [
    "gateway",
    "entry point / route",
    "faults",
    "cases",
    "fault hit",
    "lost",
    "doubled",
    "5xx",
    "bad-input changes",
    "503 retry-later*",
  ]
  const cell = (value) => (value === null || value === undefined ? "-" : String(value))
  const lines = rows.map((row) => [
    row.gateway,
    row.entry,
    row.fault,
    cell(row.cases),
    cell(row.faultsHit),
    cell(row.lost),
    cell(row.doubled),
    cell(row.fiveXx),
    cell(row.stateChanges),
    cell(row.retryLater),
  ])
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((l) => l[i].length)))
  const numeric = (i) => i >= 3
  const format = (line) =>
    line
      .map((value, i) => (numeric(i) ? value.padStart(widths[i]) : value.padEnd(widths[i])))
      .join("  ")
  const rule = widths.map((w) => "-".repeat(w)).join("  ")
  const counted = [3, 4, 5, 6, 7, 8, 9]
  const totals = ["total", "", "", ...counted.map(() => 0)]
  for (const line of lines) {
    for (const i of counted) {
      if (line[i] !== "-") totals[i] += Number(line[i])
    }
  }
  return [format(header), rule, ...lines.map(format), rule, format(totals.map(String))].join("\n")
}

/**
 * The table shows one line per gateway × entry point (every fault kind of it summed; "faults"
 * says how many kinds ran of those announced) and one per fuzzed route, so the whole report
 * fits a screen; the problems below it name the exact fault, and every fault's own row is in
 * .data/faults-results/<suite>.json. FAULTS_TABLE=full prints one line per fault kind.
 */
function displayRows(rows, expected) {
  if (process.env.FAULTS_TABLE === "full") return rows
  const announced = new Map()
  for (const key of expected) {
    const [kind, gateway, entry, fault] = key.split("|")
    if (kind !== "fault") continue
    const cell = `${gateway}|${entry}`
    announced.set(cell, new Set([...(announced.get(cell) ?? []), fault]))
  }
  const grouped = new Map()
  for (const row of rows) {
    if (row.kind !== "fault") {
      grouped.set(keyOf(row), row)
      continue
    }
    const cell = `${row.gateway}|${row.entry}`
    const known = grouped.get(cell) ?? {
      ...row,
      fault: new Set(),
      cases: 0,
      faultsHit: 0,
      lost: 0,
      doubled: 0,
      fiveXx: 0,
      retryLater: 0,
    }
    if (row.cases > 0) known.fault.add(row.fault)
    for (const count of ["cases", "faultsHit", "lost", "doubled", "fiveXx", "retryLater"]) {
      known[count] += row[count] ?? 0
    }
    grouped.set(cell, known)
  }
  return [...grouped.entries()].map(([cell, row]) =>
    row.kind !== "fault"
      ? row
      : {
          ...row,
          fault: `${row.fault.size} of ${Math.max(announced.get(cell)?.size ?? 0, row.fault.size)} kinds`,
        },
  )
}

/** The first notes of a row, each cut short (all of them are in the suite's results file). */
function notesOf(row) {
  const shown = row.notes.slice(0, 4).map((n) => (n.length > 600 ? `${n.slice(0, 600)}…` : n))
  const more = row.notes.length > shown.length ? [`… ${row.notes.length - shown.length} more`] : []
  return shown.length ? `\n    ${[...shown, ...more].join("\n    ")}` : ""
}

function sortRows(rows) {
  const order = (row) => (row.kind === "fault" ? 0 : 1)
  return [...rows].sort(
    (a, b) =>
      order(a) - order(b) ||
      (a.gateway === "plugin") - (b.gateway === "plugin") ||
      a.gateway.localeCompare(b.gateway) ||
      a.entry.localeCompare(b.entry) ||
      0,
  )
}

function report(globalConfig) {
  const runStartedMs = Date.now() - process.uptime() * 1000 - 1000
  const { suites, everything } = selectedSuites(globalConfig)
  const results = readResults(runStartedMs)
  const problems = []

  const bySuite = new Map(results.map((r) => [r.suite, r]))
  for (const file of suites) {
    const suite = path.basename(file, ".faults.ts")
    const result = bySuite.get(suite)
    if (!result) problems.push(`${suite}.faults.ts wrote no results in this run`)
    else if (!result.finishedAt) problems.push(`${suite}.faults.ts stopped before it finished`)
    else if (!result.expected.length) problems.push(`${suite}.faults.ts announced no rows`)
    for (const error of result ? result.errors : []) problems.push(`${suite}: ${error}`)
  }

  const rows = sortRows(mergeRows(results))
  const produced = new Set(rows.map(keyOf))
  for (const result of results) {
    for (const expected of result.expected) {
      if (!produced.has(expected)) {
        problems.push(`${result.suite}: row missing: ${expected.split("|").slice(1).join(" × ")}`)
      }
    }
  }
  for (const row of rows) {
    for (const count of COUNTS) {
      if (row[count]) {
        problems.push(
          `${row.gateway} × ${row.entry} × ${row.fault}: ${count} = ${row[count]}` + notesOf(row),
        )
      }
    }
    if (row.kind === "fault" && row.faultsHit !== row.cases) {
      problems.push(
        `${row.gateway} × ${row.entry} × ${row.fault}: the fault reached the gateway in ` +
          `${row.faultsHit} of ${row.cases} cases (a case whose fault never fired measured nothing)` +
          notesOf(row),
      )
    }
    if (row.kind === "fault" && row.cases === 0) {
      problems.push(`${row.gateway} × ${row.entry} × ${row.fault}: no case ran`)
    }
    if (row.kind === "fuzz" && everything && row.cases < MIN_FUZZ_CASES) {
      problems.push(`${row.entry}: only ${row.cases} fuzzed bodies (at least ${MIN_FUZZ_CASES})`)
    }
  }

  const seeds = [...new Set(results.map((r) => r.seed).filter((s) => s !== null))]
  const slowest = Math.max(0, ...results.map((r) => r.wallMs ?? 0))
  const out = [
    "",
    `Reliability figures (npm run test:faults) — fuzz seed ${seeds.join(", ") || "-"}` +
      ` (replay: FAULTS_SEED=${seeds[0] ?? "<seed>"} npm run test:faults)`,
    "",
    table(
      displayRows(
        rows,
        results.flatMap((r) => r.expected),
      ),
    ),
    "",
    "Every count must be 0. lost: the gateway and Medusa (refunds, ledger, order summary) disagree,",
    "or the customer was not refunded in full once the system settled; doubled: the gateway refunded",
    "more than once or more than was owed; 5xx: answers >= 500 from our routes other than the",
    "designed 503 (*counted apart: the gateway was unavailable, nothing was done, Retry-After sent);",
    "bad-input changes: rows of state that differ after a fuzzed batch. fault hit: cases whose armed",
    "fault reached the gateway (must equal cases). Details: integration-tests/faults/README.md.",
    `Suites: ${results.map((r) => `${r.suite} ${Math.round((r.wallMs ?? 0) / 1000)} s`).join(", ")}` +
      (slowest ? `; slowest ${Math.round(slowest / 1000)} s` : ""),
  ]
  console.log(out.join("\n"))
  if (problems.length) {
    throw new Error(`Reliability figures are not all 0:\n  ${problems.join("\n  ")}`)
  }
  console.log("All reliability counts are 0.\n")
}

module.exports = async (globalConfig) => {
  try {
    report(globalConfig)
  } finally {
    await stopPostgres()
  }
}
