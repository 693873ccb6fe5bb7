import { randomUUID } from "node:crypto"
import { ControlError } from "../errors"
import type { PaymentOutcome, PaymentStatus, PayOptions } from "../sandbox-types"
import type { OpttyOrderState } from "../state/order-model"
import type { SandboxState } from "../state/sandbox-state"
import { controlAmount } from "./control-amounts"
import { resultHash } from "./result-hash"

const OUTCOMES: ReadonlySet<string> = new Set<PaymentOutcome>([
  "SUCCESSFUL",
  "DECLINED",
  "CANCELLED",
  "ERROR",
])

const OPEN: ReadonlySet<PaymentStatus> = new Set<PaymentStatus>(["INITIATED", "PENDING"])

function moveTo(state: SandboxState, order: OpttyOrderState, status: PaymentStatus): void {
  order.status = status
  order.transactionHistory.push({ status, createdAt: state.nowIso() })
}

/** The shopper reached the BNPL provider (hosted page opened): INITIATED → PENDING. */
export function shopperArrived(state: SandboxState, order: OpttyOrderState): void {
  if (order.status === "INITIATED") moveTo(state, order, "PENDING")
}

function checkOptions(options: PayOptions): PaymentOutcome {
  const outcome = options.status ?? "SUCCESSFUL"
  if (!OUTCOMES.has(outcome)) {
    throw new ControlError(`status must be one of ${[...OUTCOMES].join(", ")}`)
  }
  if (options.providerReference !== undefined && typeof options.providerReference !== "string") {
    throw new ControlError("providerReference must be a string")
  }
  if (options.surchargeAmount !== undefined && outcome !== "SUCCESSFUL") {
    throw new ControlError("surchargeAmount only goes with a SUCCESSFUL payment")
  }
  return outcome
}

/**
 * The shopper's visit ends: the order moves (through PENDING) to the outcome, a successful one
 * gets its bnplOrderId (and, for an auto-capture provider, a full capture), and the shopper is
 * sent to dynamicRedirectUrl with hash, reference, status and providerReference appended.
 */
export function payOrder(
  state: SandboxState,
  order: OpttyOrderState,
  options: PayOptions = {},
): string {
  const outcome = checkOptions(options)
  if (!OPEN.has(order.status)) {
    throw new ControlError(
      `Order ${order.orderReference} is ${order.status}; only an INITIATED or PENDING order can be paid`,
    )
  }
  const surcharge =
    options.surchargeAmount === undefined
      ? 0
      : controlAmount(options.surchargeAmount, "surchargeAmount", true)
  shopperArrived(state, order)
  moveTo(state, order, outcome)
  if (outcome === "SUCCESSFUL") {
    order.bnplOrderId = randomUUID()
    order.surchargeCents = surcharge
    if (state.config.autoCaptureProviders.has(order.provider)) {
      order.captures.push({
        captureId: randomUUID(),
        captureReference: `auto-${order.orderReference}`,
        description: "Captured by the provider at payment",
        amountCents: order.orderAmountCents,
        createdAt: state.nowIso(),
        automatic: true,
      })
    }
  }
  const providerReference = options.providerReference ?? order.bnplOrderId ?? ""
  const url = new URL(order.dynamicRedirectUrl)
  url.searchParams.append(
    "hash",
    resultHash(state.config.paymentSecret, outcome, order.orderReference),
  )
  url.searchParams.append("reference", order.orderReference)
  url.searchParams.append("status", outcome)
  url.searchParams.append("providerReference", providerReference)
  const redirectUrl = url.toString()
  order.payment = { status: outcome, providerReference, redirectUrl, at: state.nowIso() }
  return redirectUrl
}
