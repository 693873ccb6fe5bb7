import {
  blockedByInDoubtMessage,
  duplicateRefundMessage,
  duration,
  money,
  outcomeUnknownMessage,
} from ".."

describe("messages for staff", () => {
  it("writes amounts as a decimal and the currency code, without float noise", () => {
    expect(money("73.85", "eur")).toBe("73.85 EUR")
    expect(money("73.850", "EUR")).toBe("73.85 EUR")
    expect(money("2199", "jpy")).toBe("2199 JPY")
    expect(money("1.255", "kwd")).toBe("1.255 KWD")
    expect(money("1e2", "eur")).toBe("100.00 EUR")
  })

  it("writes durations in seconds under a minute, else in whole minutes rounded up", () => {
    expect(duration(8)).toBe("8 seconds")
    expect(duration(1)).toBe("1 second")
    expect(duration(0)).toBe("0 seconds")
    expect(duration(-3)).toBe("0 seconds")
    expect(duration(7.6)).toBe("8 seconds")
    expect(duration(59.4)).toBe("59 seconds")
    expect(duration(60)).toBe("1 minute")
    expect(duration(61)).toBe("2 minutes")
    expect(duration(90)).toBe("2 minutes")
    expect(duration(120)).toBe("2 minutes")
  })

  it("tells staff a refund's answer was lost: may be made, nothing booked, do not refund again", () => {
    const message = outcomeUnknownMessage("MultiSafepay", "no answer within 30 s")
    expect(message).toBe(
      "MultiSafepay may have made this refund, but its answer was lost (no answer within 30 s). Nothing is booked in Medusa yet and the plugin is checking with MultiSafepay: do not refund again. The refund is recorded as soon as MultiSafepay confirms it, or released if MultiSafepay never made it.",
    )
  })

  it("tells staff which refund in doubt blocks theirs, by its amount", () => {
    expect(blockedByInDoubtMessage({ amount: "73.85", currency_code: "eur" })).toBe(
      "A refund of 73.85 EUR on this payment is in doubt: the gateway may have made it, but its answer was lost. The plugin is checking with the gateway: do not refund again. Try again once that refund is confirmed or released (the order page shows it).",
    )
  })

  it("tells staff when a refund looks like the same refund twice, and how long to wait", () => {
    expect(
      duplicateRefundMessage({
        amount: "20",
        currency_code: "eur",
        age_seconds: 30,
        window_seconds: 120,
      }),
    ).toBe(
      "A refund of 20.00 EUR was made on this payment 30 seconds ago, and no received return is left to refund, so this looks like the same refund twice. If you mean to refund this amount again, try again in 2 minutes.",
    )
    expect(
      duplicateRefundMessage({
        amount: "73.85",
        currency_code: "eur",
        age_seconds: 112.4,
        window_seconds: 120,
      }),
    ).toMatch(/made on this payment 2 minutes ago, .* try again in 8 seconds\.$/)
    expect(
      duplicateRefundMessage({
        amount: "20",
        currency_code: "eur",
        age_seconds: 0.4,
        window_seconds: 120,
      }),
    ).toMatch(/^A refund of 20\.00 EUR was made on this payment just now, /)
  })
})
