import { generateKeyPairSync } from "node:crypto"
import { parseWorldlineOptions } from "../options"
import { PRIVATE_KEY_1, PRIVATE_KEY_2 } from "../__fixtures__/orders"

const VALID = {
  merchantId: "1570616552",
  privateKey: PRIVATE_KEY_1,
  apiUrl: "https://worldline.example",
  returnUrl: "https://shop.example/checkout/worldline/return",
}

const problem = (options: Record<string, unknown>): string => {
  try {
    parseWorldlineOptions(options)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error("expected the options to be refused")
}

describe("Worldline options", () => {
  it("takes the required options and fills in the defaults", () => {
    const options = parseWorldlineOptions(VALID)
    expect(options).toMatchObject({
      merchantId: "1570616552",
      applicationId: "application-1",
      signingAlgorithm: "PS256",
      apiPathPrefix: "/api/v2",
      paymentMethodId: 1000,
      autoCapture: false,
      partialCaptures: true,
      refundRetries: 3,
      timeoutMs: 20_000,
      inDoubtWindowSeconds: 600,
    })
  })

  it("accepts a key written on one line with literal \\n escapes", () => {
    const oneLine = PRIVATE_KEY_2.trim().replace(/\n/g, "\\n")
    const options = parseWorldlineOptions({ ...VALID, privateKey: oneLine })
    expect(options.privateKey).toBe(PRIVATE_KEY_2.trim())
  })

  it("names each bad option, never echoing a key or a token", () => {
    const message = problem({
      ...VALID,
      merchantId: "m-1",
      privateKey:
        "-----BEGIN PRIVATE KEY-----\nnot-a-key-secret-material\n-----END PRIVATE KEY-----",
      apiUrl: "ftp://x",
      apiPathPrefix: "/v3",
      notificationToken: "short-secret-token",
      refundRetries: 11,
    })
    expect(message).toMatch(/merchantId: must be the Worldline merchant id/)
    expect(message).toMatch(/privateKey: must be a PEM private key/)
    expect(message).toMatch(/apiUrl: /)
    expect(message).toMatch(/apiPathPrefix: /)
    expect(message).toMatch(/notificationToken: must be at least 24 characters/)
    expect(message).toMatch(/refundRetries: /)
    expect(message).not.toMatch(/not-a-key-secret-material|short-secret-token/)
  })

  it("refuses RSA keys under 2048 bits and keys that are not RSA", () => {
    const small = generateKeyPairSync("rsa", { modulusLength: 1024 })
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString()
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" })
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString()
    expect(problem({ ...VALID, privateKey: small })).toMatch(
      /privateKey: must be an RSA key of at least 2048 bits/,
    )
    expect(problem({ ...VALID, secondaryPrivateKey: ec })).toMatch(
      /secondaryPrivateKey: must be an RSA private key/,
    )
  })

  it("requires the default method among the allowed ones, and refuses unknown options", () => {
    expect(problem({ ...VALID, allowedPaymentMethodIds: [7000] })).toMatch(
      /paymentMethodId: must be one of allowedPaymentMethodIds/,
    )
    expect(problem({ ...VALID, secret: "x" })).toMatch(/secret/)
    expect(problem({ ...VALID, returnUrl: undefined })).toMatch(/returnUrl/)
    expect(problem({ ...VALID, secondaryKeyId: "k2" })).toMatch(
      /secondaryKeyId: needs secondaryPrivateKey/,
    )
  })
})
