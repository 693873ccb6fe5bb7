import { GatewayError, toMedusaError } from "../../../gateway-kit"
import { OpttyRefundResponse } from "../api/schemas"
import { refundReport } from "../refunds/refund-report"
import { opttyRefundSteps } from "../refunds/refund-steps"

const KEY = "lr_0123456789abcdef0123456789abcdef01234"

describe("Optty's reasons for a failed refund reach staff verbatim", () => {
  const details = (refund: Record<string, unknown>) =>
    refundReport(
      {
        status: "SUCCESSFUL",
        currency: "AUD",
        refunds: [{ refundId: `${KEY}-00`, amount: "25.00", currency: "AUD", ...refund } as never],
      },
      "payses_1",
    ).refunds[0]

  it("a refund Optty failed later keeps its refundFailureReason, word for word", () => {
    expect(
      details({ status: "FAILED", refundFailureReason: "Refund declined by the BNPL provider" }),
    ).toMatchObject({ status: "failed", reason: "Refund declined by the BNPL provider" })
  })

  it("without a reason, says that Optty gave none; a refund that did not fail has no reason", () => {
    expect(details({ status: "FAILED", refundFailureReason: "" }).reason).toBe(
      'Optty marked the refund "FAILED" and gave no reason',
    )
    expect(details({ status: "SUCCESSFUL" }).reason).toBeNull()
  })

  const declinedAtOnce = async (answer: Partial<OpttyRefundResponse>) => {
    const steps = opttyRefundSteps({
      client: {
        refund: async () => ({
          refundReference: `${KEY}-00`,
          refundedAmount: "25.00",
          refundStatus: "DECLINED",
          ...answer,
        }),
      } as never,
      orderReference: "payses_1",
      currency: "AUD",
      request: {
        body: {
          refundReference: KEY,
          refundAmount: { amount: 25, currency: "AUD" },
          refundDescription: "Return RET-1: 1× Mug",
          isActivatedViaOAuth: false,
        },
        amount_minor: 2500,
      },
      logger: { warn: () => {} } as never,
    })
    return steps.send({ reference: KEY }).then(
      () => {
        throw new Error("expected a refusal")
      },
      (error: unknown) => error as GatewayError,
    )
  }

  it("a refund Optty declines in its answer is refused with Optty's reason, when it gives one", async () => {
    const error = await declinedAtOnce({ refundFailureReason: "Order is older than 120 days" })
    expect(error).toMatchObject({ kind: "rejected", message: "Order is older than 120 days" })
    expect(toMedusaError(error, "refund").message).toBe(
      "Optty refused the refund, so nothing was refunded: Order is older than 120 days",
    )
    expect((await declinedAtOnce({})).message).toBe("no reason given (refund status DECLINED)")
  })
})
