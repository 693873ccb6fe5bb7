/**
 * Base62 decoding as Smartpay's SDKs apply it to the webhook signing secret
 * (docs/gateways/smartpay.md#webhook-signature): the alphabet is A–Z, a–z, 0–9 in that order
 * ("A" is 0, "9" is 61); the text is one big-endian number written in that alphabet, and each
 * leading "A" stands for one leading zero byte (the base-x convention the Node SDK uses).
 */
export const BASE62_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

const DIGIT: ReadonlyMap<string, bigint> = new Map(
  Array.from(BASE62_ALPHABET, (char, index) => [char, BigInt(index)]),
)

export function decodeBase62(text: string): Buffer {
  if (text.length === 0) throw new Error("empty Base62 text")
  let zeros = 0
  while (zeros < text.length && text[zeros] === BASE62_ALPHABET[0]) zeros++
  let value = 0n
  for (const char of text.slice(zeros)) {
    const digit = DIGIT.get(char)
    if (digit === undefined) throw new Error("not Base62 text (A–Z, a–z, 0–9 only)")
    value = value * 62n + digit
  }
  const bytes: number[] = []
  for (; value > 0n; value >>= 8n) bytes.push(Number(value & 0xffn))
  return Buffer.from([...new Array<number>(zeros).fill(0), ...bytes.reverse()])
}
