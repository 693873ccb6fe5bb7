/**
 * Base62 (alphabet A–Z a–z 0–9) as Smartpay's SDKs decode the webhook signing secret before
 * using it as the HMAC key (docs/gateways/smartpay.md#webhook-signature): the text is one
 * big-endian number, each leading "A" (the zero digit) is one leading zero byte.
 */
export const BASE62_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

export function isBase62(text: string): boolean {
  return /^[A-Za-z0-9]+$/.test(text)
}

export function base62Decode(text: string): Buffer {
  if (!isBase62(text)) throw new Error("not Base62 text")
  let leadingZeros = 0
  while (leadingZeros < text.length && text[leadingZeros] === BASE62_ALPHABET[0]) leadingZeros += 1
  let value = 0n
  for (const char of text.slice(leadingZeros)) {
    value = value * 62n + BigInt(BASE62_ALPHABET.indexOf(char))
  }
  const bytes: number[] = []
  while (value > 0n) {
    bytes.unshift(Number(value & 0xffn))
    value >>= 8n
  }
  return Buffer.from([...new Array<number>(leadingZeros).fill(0), ...bytes])
}

export function base62Encode(bytes: Uint8Array): string {
  let leadingZeros = 0
  while (leadingZeros < bytes.length && bytes[leadingZeros] === 0) leadingZeros += 1
  let value = 0n
  for (const byte of bytes.subarray(leadingZeros)) value = (value << 8n) + BigInt(byte)
  let text = ""
  while (value > 0n) {
    text = BASE62_ALPHABET[Number(value % 62n)] + text
    value /= 62n
  }
  return BASE62_ALPHABET[0].repeat(leadingZeros) + text
}
