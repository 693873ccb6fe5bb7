import { ControlError } from "../errors"
import { decimalTextToCents } from "../money/amounts"
import type { Cents } from "../state/order-model"

/** A control amount: a decimal string such as "10.00" (never a float) with at most 2 decimals. */
export function controlAmount(value: unknown, field: string, allowZero: boolean): Cents {
  const parsed = typeof value === "string" ? decimalTextToCents(value) : null
  if (!parsed?.ok || parsed.cents < 0 || (!allowZero && parsed.cents === 0)) {
    throw new ControlError(
      `${field} must be a ${allowZero ? "non-negative" : "positive"} decimal string with at most 2 decimals, e.g. "10.00"`,
    )
  }
  return parsed.cents
}
