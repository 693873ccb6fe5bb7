import { describeLines, formatAmount } from "../format-amount"

describe("formatAmount: what staff read, to the currency's minor unit", () => {
  it.each([
    ["29.282", "eur", "29.28 EUR"],
    ["35.2715", "eur", "35.27 EUR"],
    ["18.0895", "eur", "18.09 EUR"],
    ["0.005", "eur", "0.01 EUR"],
    ["0.004", "eur", "0.00 EUR"],
    ["1234", "jpy", "1234 JPY"],
    ["1234.5", "jpy", "1235 JPY"],
    ["1.2345", "kwd", "1.235 KWD"],
    ["24.2", "aud", "24.20 AUD"],
    ["-5.9895", "eur", "-5.99 EUR"],
    ["-0.001", "eur", "0.00 EUR"],
    ["99999999999999999.995", "eur", "100000000000000000.00 EUR"],
  ])("%s %s → %s", (amount, currency, expected) => {
    expect(formatAmount(amount, currency)).toBe(expected)
  })

  it("describes refund lines in one phrase", () => {
    expect(
      describeLines(
        [
          { title: "Mug", quantity: 2, amount: "24.2" },
          { title: "Shipping (Standard)", quantity: 1, amount: "5.9895" },
        ],
        "eur",
      ),
    ).toBe("2× Mug (24.20 EUR), 1× Shipping (Standard) (5.99 EUR)")
  })
})
