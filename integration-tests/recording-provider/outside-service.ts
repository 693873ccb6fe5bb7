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
  RefundPaymentInput,
  RefundPaymentOutput,
  RetrievePaymentInput,
  RetrievePaymentOutput,
  UpdatePaymentInput,
  UpdatePaymentOutput,
  WebhookActionResult,
} from "@medusajs/framework/types"
import { AbstractPaymentProvider, BigNumber, PaymentActions } from "@medusajs/framework/utils"
import { recordingGateway } from "./recorder"

/**
 * A payment provider outside the plugin, for tests only: it uses none of the plugin's code, as
 * Stripe's or PayPal's provider would not. Its refunds are amounts, made under Medusa's refund id
 * (a new one for every attempt, as Stripe's are); it knows nothing of plans, lines or the ledger.
 * Registered as `pp_outside_recording`.
 */
export default class OutsidePaymentProvider extends AbstractPaymentProvider {
  static override identifier = "outside"

  constructor(cradle: Record<string, unknown>, options: Record<string, unknown> = {}) {
    super(cradle, options)
  }

  async refundPayment(input: RefundPaymentInput): Promise<RefundPaymentOutput> {
    recordingGateway.refundAmount({
      refund_id: String(input.context?.idempotency_key),
      amount: new BigNumber(input.amount as never).numeric.toString(),
      currency_code: String(input.data?.currency_code ?? "eur"),
      session_id: String(input.data?.session_id ?? ""),
    })
    return { data: input.data }
  }

  async initiatePayment(input: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    return {
      id: `out_${Date.now()}`,
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
  async getWebhookActionAndData(): Promise<WebhookActionResult> {
    return { action: PaymentActions.NOT_SUPPORTED }
  }
}
