import { PaymentSessionStatus } from "@medusajs/framework/utils"
import { paymentStatus, refundStatus } from "../statuses"

describe("Smartpay statuses", () => {
  it.each([
    ["requires_authorization", PaymentSessionStatus.PENDING],
    ["pending", PaymentSessionStatus.PENDING],
    ["requires_capture", PaymentSessionStatus.AUTHORIZED],
    ["succeeded", PaymentSessionStatus.CAPTURED],
    ["rejected", PaymentSessionStatus.ERROR],
    ["failed", PaymentSessionStatus.ERROR],
    ["canceled", PaymentSessionStatus.CANCELED],
    ["something_new", PaymentSessionStatus.ERROR],
  ])("order %s is %s", (status, expected) => {
    expect(paymentStatus(status)).toBe(expected)
  })

  it.each([
    ["succeeded", "succeeded"],
    ["failed", "failed"],
    ["pending", "pending"],
    [null, "succeeded"],
    [undefined, "succeeded"],
  ])("refund %s is %s", (status, expected) => {
    expect(refundStatus(status)).toBe(expected)
  })
})
