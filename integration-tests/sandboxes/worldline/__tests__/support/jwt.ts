/**
 * Test helpers: RSA key pairs made at run time and JWT assertions signed the way
 * docs/gateways/worldline.md#authentication describes (PS256 by default), with any claim or
 * header overridable so a test can break one rule at a time.
 */
import { constants, generateKeyPairSync, sign, type KeyObject } from "node:crypto"

export interface TestKeyPair {
  privateKey: KeyObject
  publicPem: string
}

export function makeKeyPair(): TestKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 })
  return { privateKey, publicPem: publicKey.export({ type: "spki", format: "pem" }).toString() }
}

export interface AssertionOptions {
  privateKey: KeyObject
  scope: string
  /** seconds since the epoch; default the system clock */
  nowSeconds?: number
  header?: Record<string, unknown>
  claims?: Record<string, unknown>
  /** replaces the signature part */
  signature?: string
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url")

export function signAssertion(options: AssertionOptions & { iss: string }): string {
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000)
  const header = { alg: "PS256", typ: "JWT", ...options.header }
  const claims = {
    aud: "drwp",
    iss: options.iss,
    scope: options.scope,
    iat: now,
    exp: now + 60,
    jti: `jti-${Math.random().toString(36).slice(2)}`,
    ...options.claims,
  }
  const data = `${b64(header)}.${b64(claims)}`
  const padding =
    header.alg === "RS256"
      ? { padding: constants.RSA_PKCS1_PADDING }
      : { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }
  const signature =
    options.signature ??
    sign("sha256", Buffer.from(data), { key: options.privateKey, ...padding }).toString("base64url")
  return `${data}.${signature}`
}
