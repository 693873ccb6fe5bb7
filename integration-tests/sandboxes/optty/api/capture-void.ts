/**
 * Capture and void: both take part of the order amount that is neither captured nor voided
 * yet, and both need a paid (SUCCESSFUL) order. A used reference is refused before anything else,
 * so a retry after a lost answer learns that the first attempt went through.
 */
import { randomUUID } from "node:crypto"
import { badRequest } from "../errors"
import { formatCents } from "../money/amounts"
import type { Cents, OpttyOrderState } from "../state/order-model"
import { uncapturedCents } from "../state/order-amounts"
import type { SandboxState } from "../state/sandbox-state"
import { refuseUsedCaptureReference, refuseUsedVoidReference } from "./references"
import { isRecord, Validation } from "./validation"

interface Movement {
  reference: string
  description: string | null
  amountCents: Cents
}

function readMovement(raw: unknown, referenceField: string): Movement {
  const body = isRecord(raw) ? raw : {}
  const v = new Validation()
  const reference = v.string(body, referenceField, referenceField)
  const description = v.string(body, "description", "description", {
    optional: true,
    allowEmpty: true,
  })
  const amountCents = v.amount(body, "amount", "amount", { positive: true })
  v.throwIfAny()
  return { reference: reference!, description: description ?? null, amountCents: amountCents! }
}

function refuseUnlessPaid(order: OpttyOrderState, action: "captured" | "voided"): void {
  if (order.status !== "SUCCESSFUL") {
    throw badRequest(
      `Order ${order.orderReference} cannot be ${action}: its status is ${order.status}`,
    )
  }
}

function refuseOverUncaptured(order: OpttyOrderState, amount: Cents, verb: string): void {
  const left = uncapturedCents(order)
  if (amount > left) {
    throw badRequest(`You can only ${verb} amount up to ${order.currency} ${formatCents(left)}`)
  }
}

/** POST /orders/{orderReference}/capture */
export function captureOrder(state: SandboxState, orderReference: string, raw: unknown) {
  const request = readMovement(raw, "captureReference")
  const order = state.requireOrder(orderReference)
  refuseUsedCaptureReference(state, request.reference)
  refuseUnlessPaid(order, "captured")
  refuseOverUncaptured(order, request.amountCents, "capture")
  const captureId = randomUUID()
  order.captures.push({
    captureId,
    captureReference: request.reference,
    description: request.description,
    amountCents: request.amountCents,
    createdAt: state.nowIso(),
    automatic: false,
  })
  return {
    captureReference: request.reference,
    captureId,
    capturedAmount: formatCents(request.amountCents),
  }
}

/**
 * POST /orders/{orderReference}/void: releases uncaptured money. Once nothing uncaptured is left
 * the order becomes VOIDED (what was captured before stays refundable).
 */
export function voidOrder(state: SandboxState, orderReference: string, raw: unknown) {
  const request = readMovement(raw, "voidReference")
  const order = state.requireOrder(orderReference)
  refuseUsedVoidReference(state, request.reference)
  refuseUnlessPaid(order, "voided")
  refuseOverUncaptured(order, request.amountCents, "void")
  const voidedId = randomUUID()
  const now = state.nowIso()
  order.voids.push({
    voidedId,
    voidReference: request.reference,
    description: request.description,
    amountCents: request.amountCents,
    createdAt: now,
  })
  if (uncapturedCents(order) === 0) {
    order.status = "VOIDED"
    order.transactionHistory.push({ status: "VOIDED", createdAt: now })
  }
  return { voidReference: request.reference, voidedId, amount: formatCents(request.amountCents) }
}
