/**
 * Object ids as Smartpay writes them (docs/gateways/smartpay.md#ids): `<kind>_test_<Base62>`,
 * the mode in the id; the Node SDK checks `^<kind>_(test|live)_[0-9a-zA-Z]+$`. The sandbox is
 * test mode only, so every id it makes says `test`.
 */
import { randomBytes } from "node:crypto"
import { BASE62_ALPHABET } from "../notifications/base62"

export type IdKind =
  | "checkout"
  | "order"
  | "payment"
  | "refund"
  | "li"
  | "price"
  | "product"
  | "evt"
  | "webhookendpoint"

/** 22 Base62 characters (~131 bits), the length of Smartpay's example ids (ours). */
function randomBase62(length = 22): string {
  const bytes = randomBytes(length)
  return Array.from(bytes, (byte) => BASE62_ALPHABET[byte % 62]).join("")
}

export function newId(kind: IdKind): string {
  return `${kind}_test_${randomBase62()}`
}

export function isTestId(kind: IdKind, id: string): boolean {
  return new RegExp(`^${kind}_test_[0-9a-zA-Z]+$`).test(id)
}
