import { parseLineRefundsOptions, unknownOptionKeys } from "../options"

describe("line-refunds options", () => {
  it("defaults to refunding only when staff ask, with a two-minute double-refund guard", () => {
    expect(parseLineRefundsOptions(undefined)).toEqual({
      autoRefundOnReturnReceived: false,
      autoRefundShipping: false,
      duplicateRefundWindowSeconds: 120,
      lockTimeoutSeconds: 30,
      reconcilePendingSchedule: "*/15 * * * *",
      reconcilePendingAfterMinutes: 30,
    })
  })

  it("reconciles pending refunds on a cron schedule, after a delay in whole minutes", () => {
    expect(
      parseLineRefundsOptions({
        reconcilePendingSchedule: "0 */2 * * *",
        reconcilePendingAfterMinutes: 90,
      }),
    ).toMatchObject({ reconcilePendingSchedule: "0 */2 * * *", reconcilePendingAfterMinutes: 90 })
    expect(parseLineRefundsOptions({ reconcilePendingSchedule: "*/30 * * * * *" })).toMatchObject({
      reconcilePendingSchedule: "*/30 * * * * *",
    })
    expect(() => parseLineRefundsOptions({ reconcilePendingSchedule: "every 15 minutes" })).toThrow(
      /reconcilePendingSchedule: must be a cron expression/,
    )
    expect(() => parseLineRefundsOptions({ reconcilePendingSchedule: "* * *" })).toThrow(
      /reconcilePendingSchedule: /,
    )
    expect(() => parseLineRefundsOptions({ reconcilePendingAfterMinutes: 0 })).toThrow(
      /reconcilePendingAfterMinutes: /,
    )
    expect(() => parseLineRefundsOptions({ reconcilePendingAfterMinutes: 2.5 })).toThrow(
      /reconcilePendingAfterMinutes: /,
    )
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
