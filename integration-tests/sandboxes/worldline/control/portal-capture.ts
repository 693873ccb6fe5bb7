/**
 * A capture made in Worldline's portal (docs/gateways/worldline.md#orders-and-payments): staff
 * capture part of an order there, so the order holds several captures when Medusa captures the
 * rest. Medusa 2.21.2 gives the provider no amount on capture (docs/gateways/worldline.md), so
 * this is how an order with two captures comes about. The API's capture rules apply.
 */
import { makeCapture } from "../api/capture-cancel"
import { ControlError, WorldlineError } from "../errors"
import { decimalTextToMinor } from "../money/amounts"
import type { PortalCaptureOptions } from "../sandbox-types"
import type { StoredOrder, StoredTransaction } from "../state/order-model"
import type { SandboxState } from "../state/sandbox-state"

export function portalCapture(
  state: SandboxState,
  order: StoredOrder,
  options: PortalCaptureOptions,
): StoredTransaction {
  const parsed = decimalTextToMinor(String(options.amount), order.currency)
  if (!parsed.ok || parsed.minor <= 0) {
    throw new ControlError(`amount must be a positive decimal in ${order.currency}, e.g. "10.00"`)
  }
  try {
    return makeCapture(
      state,
      order,
      { minor: parsed.minor, currency: order.currency },
      null,
      "Captured in the portal",
    )
  } catch (error) {
    if (error instanceof WorldlineError) throw new ControlError(error.message)
    throw error
  }
}
