import { numberToDecimalText } from "../decimal-text"
import { REDACTED, SecretScrubber } from "../secret-scrubber"

const scrubber = new SecretScrubber(["s3cr3t-key", "pay-secret", ""])

describe("SecretScrubber", () => {
  it("keeps only the scheme of an authorization header and blanks secret-named headers", () => {
    expect(
      scrubber.headers({
        authorization: "Bearer eyJ.token.sig",
        api_key: "anything",
        cookie: "session=1",
        "x-note": ["a", "b"],
        "x-missing": undefined,
      }),
    ).toEqual({
      authorization: `Bearer ${REDACTED}`,
      api_key: REDACTED,
      cookie: REDACTED,
      "x-note": "a, b",
    })
    expect(scrubber.headers({ authorization: "s3cr3t-key" }).authorization).toBe(REDACTED)
  })

  it("blanks secret-named fields anywhere in a body, query or form", () => {
    expect(
      scrubber.value({
        client_id: "id-1",
        client_secret: "whatever was sent",
        nested: [{ access_token: "t", api_key: "k", amount: 10 }],
      }),
    ).toEqual({
      client_id: "id-1",
      client_secret: REDACTED,
      nested: [{ access_token: REDACTED, api_key: REDACTED, amount: 10 }],
    })
    expect(scrubber.fields({ api_key: "x", page: "2" })).toEqual({ api_key: REDACTED, page: "2" })
  })

  it("cuts a configured secret out of every string and key it appears in", () => {
    const scrubbed = scrubber.value({
      description: "refund for s3cr3t-key and pay-secret",
      "pay-secret": true,
    })
    expect(scrubbed).toEqual({
      description: `refund for ${REDACTED} and ${REDACTED}`,
      [REDACTED]: true,
    })
    expect(scrubber.text("nothing here")).toBe("nothing here")
  })
})

describe("numberToDecimalText", () => {
  it("gives back the decimal text a JSON number was written as, exponents expanded", () => {
    expect(numberToDecimalText(24.985)).toBe("24.985")
    expect(numberToDecimalText(1e-7)).toBe("0.0000001")
    expect(numberToDecimalText(-1.5e-8)).toBe("-0.000000015")
    expect(numberToDecimalText(1.5e21)).toBe("1500000000000000000000")
    expect(numberToDecimalText(Number.NaN)).toBeUndefined()
  })
})
