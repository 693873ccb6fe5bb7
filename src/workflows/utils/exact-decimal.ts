import { decimalString } from "../../core/money"

type Row = Record<string, any> | null | undefined

/**
 * Medusa keeps decimals exact in `raw_<field>` ({ value, precision }); the plain field is a JS
 * number. Read the exact value whenever Query returned it.
 */
export function exactDecimal(row: Row, field: string): string {
  const raw = row?.[`raw_${field}`]
  if (raw && raw.value != null) return String(raw.value)
  if (row?.[field] == null) return "0"
  return decimalString(row[field])
}
