import { parseLineRefundsOptions, unknownOptionKeys } from "../options"

describe("line-refunds options", () => {
  it("defaults to refunding only when staff ask, with a two-minute double-refund guard", () => {
    expect(parseLineRefundsOptions(undefined)).toEqual({
      autoRefundOnReturnReceived: false,
      autoRefundShipping: false,
      duplicateRefundWindowSeconds: 120,
      lockTimeoutSeconds: 30,
    })
  })

  it("fails with the name of the option that is wrong", () => {
    expect(() => parseLineRefundsOptions({ autoRefundOnReturnReceived: "yes" })).toThrow(
      /Invalid options for medusa-payment-line-refunds: autoRefundOnReturnReceived: /,
    )
    expect(() => parseLineRefundsOptions({ duplicateRefundWindowSeconds: -1 })).toThrow(
      /duplicateRefundWindowSeconds: /,
    )
  })

  it("reports unknown keys (typos) but not the keys Medusa adds itself", () => {
    expect(unknownOptionKeys({ autoRefundOnReturnRecieved: true, database: {} })).toEqual([
      "autoRefundOnReturnRecieved",
    ])
  })
})
