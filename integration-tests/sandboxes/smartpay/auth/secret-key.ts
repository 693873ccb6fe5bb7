/**
 * `Authorization: Basic <secret key>`, the raw key and no base64 user:password
 * (docs/gateways/smartpay.md#authentication). The sandbox holds one test key; anything else
 * (none, another key, a live key) answers 401 unauthorized (ours), before the path is looked at.
 */
import { timingSafeEqual } from "node:crypto"
import type { IncomingMessage } from "node:http"
import { headerValue } from "../../kit/http"
import { unauthorized } from "../errors"

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

export function requireSecretKey(req: IncomingMessage, secretKey: string): void {
  const match = /^Basic\s+(\S+)\s*$/i.exec(headerValue(req, "authorization") ?? "")
  if (!match) throw unauthorized("Authorization: Basic <secret key> is required")
  if (match[1].startsWith("sk_live_")) {
    throw unauthorized("The sandbox serves test mode only: use your sk_test_ key")
  }
  if (!sameText(match[1], secretKey)) throw unauthorized("The secret key is not valid")
}
