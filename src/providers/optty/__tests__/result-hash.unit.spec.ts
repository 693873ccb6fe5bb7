import { resultHash, verifyResultHash } from "../storefront/result-hash"
import { notificationOrderReference } from "../webhooks/notification-reference"

const SECRET = "sandbox-payment-secret"
const REFERENCE = "payses_01JTEST00000000000000000000"
// computed with: printf 'SUCCESSFUL|payses_01JTEST00000000000000000000' | openssl dgst -sha512 -hmac sandbox-payment-secret
const OPENSSL_HASH =
  "1ae8e573450eb0a93b34623bc3b74231f11c97266050c330b21c9aef5a1f5bfcafe1488a8656aefc78d343afa28b7e0b399e76883f02cd179c9dff489d1e38a4"

describe("Optty result hash on the shopper's return", () => {
  it("is HMAC-SHA512 over status|reference with the payment secret", () => {
    expect(resultHash(SECRET, "SUCCESSFUL", REFERENCE)).toBe(OPENSSL_HASH)
  })

  it("accepts a matching return, in either hex case", () => {
    const ok = { ok: true, status: "SUCCESSFUL" }
    const result = { status: "SUCCESSFUL", reference: REFERENCE, hash: OPENSSL_HASH }
    expect(verifyResultHash(SECRET, result)).toEqual(ok)
    expect(verifyResultHash(SECRET, { ...result, hash: OPENSSL_HASH.toUpperCase() })).toEqual(ok)
  })

  it.each([
    ["another status", { status: "DECLINED" }, "the result hash does not match"],
    [
      "another order",
      { reference: "payses_01JOTHER0000000000000000000" },
      "the result hash does not match",
    ],
    [
      "another secret's hash",
      { hash: resultHash("other-secret", "SUCCESSFUL", REFERENCE) },
      "the result hash does not match",
    ],
    ["a truncated hash", { hash: OPENSSL_HASH.slice(0, 64) }, "the result hash does not match"],
    ["an unknown status", { status: "PAID" }, 'unknown status "PAID"'],
  ])("refuses %s", (_name, change, reason) => {
    const result = { status: "SUCCESSFUL", reference: REFERENCE, hash: OPENSSL_HASH, ...change }
    expect(verifyResultHash(SECRET, result)).toEqual({ ok: false, reason })
  })
})

describe("which order an (unsigned) Optty notification is about", () => {
  it.each([
    [{ event: "ORDER_STATUS_UPDATE", orderReference: REFERENCE, status: "SUCCESSFUL" }, REFERENCE],
    [{ event: "ORDER_ASYNC_CALLBACK", merchantReference: REFERENCE }, REFERENCE],
    [{ data: { orderReference: REFERENCE } }, REFERENCE],
    [{ orderReference: "order_12; DROP TABLE" }, null],
    [{ orderReference: "../../admin" }, null],
    [{ status: "SUCCESSFUL" }, null],
    ["SUCCESSFUL", null],
    [null, null],
  ])("%j → %s", (body, expected) => {
    expect(notificationOrderReference(body)).toBe(expected)
  })
})
