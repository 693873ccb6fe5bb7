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
  RetrievePaymentInput,
  RetrievePaymentOutput,
  UpdatePaymentInput,
  UpdatePaymentOutput,
} from "@medusajs/framework/types"
import { MedusaError, PaymentActions } from "@medusajs/framework/utils"
import { GatewayRefundOutcome, RefundIntent } from "../../src/core/provider-refunds"
import {
  GatewayError,
  GatewayWebhookResult,
  LineRefundsPaymentProvider,
  RefundReport,
  WebhookRejected,
} from "../../src/gateway-kit"
import { recordingGateway } from "./recorder"

/**
 * A payment provider for tests only, never shipped: payments succeed at once, and refunds go
 * through the same base class as the real gateways (plan contract, refunds already made at the
 * gateway, webhooks and reconciliation), with an in-process "gateway" that records what it was
 * asked to refund and can be told to answer later.
 */
export default class RecordingPaymentProvider extends LineRefundsPaymentProvider {
  static override identifier = "recording"

  constructor(cradle: Record<string, unknown>, options: Record<string, unknown> = {}) {
    super(cradle, options)
  }

  // Medusa puts the payment session id into the payment's data: unique per payment.
  protected gatewayReference(data: Record<string, unknown> | undefined): string {
    return String(data?.session_id ?? "")
  }

  protected async refundAtGateway(
    intent: RefundIntent,
    data: Record<string, unknown>,
  ): Promise<GatewayRefundOutcome> {
    const currency = String(data.currency_code ?? intent.plan?.currency_code ?? "eur")
    // as the real gateways' providers do: a refund under this key is never sent twice
    const earlier = recordingGateway.findByKey(intent.idempotency_key)
    if (!earlier) this.assertMaySend(intent, "Recording gateway")
    let made: ReturnType<typeof recordingGateway.refund>
    try {
      made = recordingGateway.refund(intent, {
        session_id: this.gatewayReference(data),
        currency_code: currency,
      })
    } catch (error) {
      if ((error as { answerLost?: boolean }).answerLost) {
        throw new GatewayError("Recording gateway", "ambiguous", (error as Error).message)
      }
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        `Recording gateway: ${(error as Error).message}`,
      )
    }
    return {
      status: made.refund.status,
      gateway_reference: made.refund.reference,
      gateway: { reference: made.refund.reference, replayed: made.duplicate },
    }
  }

  protected async readRefundReport(sessionId: string): Promise<RefundReport | null> {
    // every refund the gateway holds for the session, none included: a complete snapshot
    const refunds = recordingGateway.report(sessionId)
    return {
      provider: RecordingPaymentProvider.identifier,
      session_id: sessionId,
      payment_reference: sessionId,
      refunds,
    }
  }

  /**
   * The test "gateway" notifies with `{ session_id }` and nothing else. Unsigned (a test double),
   * but it trusts nothing in the body beyond the session it names: the refunds it reports are
   * re-read from the recorder, as a real provider re-reads its gateway.
   */
  protected async handleWebhook(
    payload: ProviderWebhookPayload["payload"],
  ): Promise<GatewayWebhookResult> {
    const sessionId = (payload?.data as Record<string, unknown> | undefined)?.session_id
    if (typeof sessionId !== "string" || !sessionId) {
      throw new WebhookRejected("the notification names no payment session")
    }
    return {
      result: { action: PaymentActions.NOT_SUPPORTED },
      refunds: await this.readRefundReport(sessionId),
    }
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
}
