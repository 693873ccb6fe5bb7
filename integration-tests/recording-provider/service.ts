import {
  AuthorizePaymentInput,
  AuthorizePaymentOutput,
  CancelPaymentInput,
  CancelPaymentOutput,
  CapturePaymentInput,
  CapturePaymentOutput,
  DeletePaymentInput,
  DeletePaymentOutput,
  GetPaymentStatusInput,
  GetPaymentStatusOutput,
  InitiatePaymentInput,
  InitiatePaymentOutput,
  ProviderWebhookPayload,
  RefundPaymentInput,
  RefundPaymentOutput,
  RetrievePaymentInput,
  RetrievePaymentOutput,
  UpdatePaymentInput,
  UpdatePaymentOutput,
  WebhookActionResult,
} from "@medusajs/framework/types"
import { AbstractPaymentProvider, MedusaError, PaymentActions } from "@medusajs/framework/utils"
import { recordRefund, takeRefundPlan } from "../../src/core/provider-refunds"
import { recordingGateway } from "./recorder"

/**
 * A payment provider for tests only, never shipped: payments succeed at once, and refunds go
 * through the same plan contract as the real gateways (takeRefundPlan → gateway → recordRefund),
 * with an in-process "gateway" that records what it was asked to refund.
 */
export default class RecordingPaymentProvider extends AbstractPaymentProvider {
  static override identifier = "recording"

  constructor(cradle: Record<string, unknown>, options: Record<string, unknown> = {}) {
    super(cradle, options)
  }

  async initiatePayment(input: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    return {
      id: `rec_${Date.now()}`,
      status: "pending",
      data: { ...input.data, currency_code: input.currency_code },
    }
  }
  async authorizePayment(input: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    return { status: "authorized", data: input.data }
  }
  async capturePayment(input: CapturePaymentInput): Promise<CapturePaymentOutput> {
    return { data: input.data }
  }
  async refundPayment(input: RefundPaymentInput): Promise<RefundPaymentOutput> {
    // Medusa puts the payment session id into the payment's data: unique per payment.
    const intent = takeRefundPlan(input, { scope: String(input.data?.session_id ?? "") })
    let duplicate: boolean
    try {
      duplicate = recordingGateway.refund(intent).duplicate
    } catch (error) {
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        `Recording gateway: ${(error as Error).message}`,
      )
    }
    return {
      data: recordRefund(intent, {
        status: "succeeded",
        gateway_reference: intent.idempotency_key,
        gateway: { reference: intent.idempotency_key, replayed: duplicate },
      }),
    }
  }
  async cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    return { data: input.data }
  }
  async deletePayment(input: DeletePaymentInput): Promise<DeletePaymentOutput> {
    return { data: input.data }
  }
  async getPaymentStatus(_input: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    return { status: "authorized" }
  }
  async retrievePayment(input: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    return { data: input.data }
  }
  async updatePayment(input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    return { data: input.data }
  }
  async getWebhookActionAndData(
    _payload: ProviderWebhookPayload["payload"],
  ): Promise<WebhookActionResult> {
    return { action: PaymentActions.NOT_SUPPORTED }
  }
}
