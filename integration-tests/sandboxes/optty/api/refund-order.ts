import { badRequest } from "../errors"
import { centsToJsonNumber } from "../money/amounts"
import { isCurrencyCode } from "../money/currencies"
import type { Cents } from "../state/order-model"
import type { SandboxState } from "../state/sandbox-state"
import { refuseUsedRefundReference, returnedRefundReference } from "./references"
import { addRefund, refusalOfPartial, refusalOfRefund } from "./refund-rules"
import { isRecord, Validation } from "./validation"

interface RefundRequest {
  refundReference: string
  amountCents: Cents
  currency: string
  refundDescription: string
  isActivatedViaOAuth: boolean
}

/**
 * Optty's refund body (OrderRefundDto): all four fields required
 * (docs/gateways/optty.md#refund-request).
 */
function readRefundRequest(raw: unknown): RefundRequest {
  const body = isRecord(raw) ? raw : {}
  const v = new Validation()
  const refundReference = v.string(body, "refundReference", "refundReference")
  const refundAmount = v.object(body, "refundAmount", "refundAmount")
  const amountCents = refundAmount
    ? v.amount(refundAmount, "amount", "refundAmount.amount", { positive: true })
    : undefined
  const currency = refundAmount
    ? v.string(refundAmount, "currency", "refundAmount.currency")
    : undefined
  if (currency !== undefined && !isCurrencyCode(currency)) {
    v.fail("refundAmount.currency must be a valid ISO4217 currency code")
  }
  const refundDescription = v.string(body, "refundDescription", "refundDescription", {
    allowEmpty: true,
  })
  const isActivatedViaOAuth = v.boolean(body, "isActivatedViaOAuth", "isActivatedViaOAuth")
  v.throwIfAny()
  return {
    refundReference: refundReference!,
    amountCents: amountCents!,
    currency: currency!,
    refundDescription: refundDescription!,
    isActivatedViaOAuth: isActivatedViaOAuth!,
  }
}

/**
 * POST /orders/{orderReference}/refund (docs/gateways/optty.md#refund-request). Checks run in this
 * order (an assumption: docs/gateways/optty.md#undocumented-behaviour-and-our-assumptions): fields
 * (400 array), order (404), a used reference (so a retry after a lost answer learns the refund
 * exists), currency, status and amount, then the provider's partial-refund support.
 */
export function refundOrder(state: SandboxState, orderReference: string, raw: unknown) {
  const request = readRefundRequest(raw)
  const order = state.requireOrder(orderReference)
  refuseUsedRefundReference(state, request.refundReference)
  if (request.currency !== order.currency) {
    throw badRequest(
      `Refund currency ${request.currency} does not match the order currency ${order.currency}`,
    )
  }
  const refusal =
    refusalOfRefund(order, request.amountCents) ??
    refusalOfPartial(state, order, request.amountCents)
  if (refusal !== null) throw badRequest(refusal)

  const refund = addRefund(state, order, {
    refundId: returnedRefundReference(state, request.refundReference),
    sentReference: request.refundReference,
    source: "api",
    amountCents: request.amountCents,
    status: state.refundsStartAs,
    refundReason: request.refundDescription,
    isActivatedViaOAuth: request.isActivatedViaOAuth,
  })
  return {
    refundReference: refund.refundId,
    bnplProvider: order.provider,
    refundedAmount: centsToJsonNumber(refund.amountCents),
    refundStatus: refund.status,
    description: refund.refundReason,
    refundDate: new Date(refund.createdAt).toUTCString(),
    bnplRefundId: refund.bnplRefundId,
    callbackUrl: order.dynamicCallbackUrl ?? state.config.webhookUrl ?? "",
  }
}
