/**
 * Optty's `refundReference` is the plugin's logical refund key itself ("lr_" + 37 hex, 40
 * characters): the same for every attempt at one refund, new for every other refund, and unique
 * per merchant because the key includes the payment. Optty documents no length limit; 40
 * characters is UUID-sized. Sending the key unchanged lets any refund Optty reports be traced
 * back to its plan, even one whose response was lost. When Optty failed a refund, the next
 * attempt at the same logical refund needs a fresh reference: "<key>_2", "<key>_3", …
 */
const KEY = /^lr_[0-9a-f]{37}$/

export function refundReferenceFor(idempotencyKey: string): string {
  if (!KEY.test(idempotencyKey)) {
    throw new Error(`Not a logical refund key: ${idempotencyKey}`)
  }
  return idempotencyKey
}

/**
 * The reference we sent, from the form Optty reports it in: Optty may add a suffix (its own
 * example sends "TgEHcPtpN2HSrTMK-0" and gets back "TgEHcPtpN2HSrTMK-0-00").
 */
export function referenceOf(reported: string): string {
  return reported.replace(/-\d{1,4}$/, "")
}

/** The logical refund key behind a reported reference; null for refunds made in Optty's portal. */
export function keyOfReference(reported: string): string | null {
  const key = referenceOf(reported).replace(/_\d{1,3}$/, "")
  return KEY.test(key) ? key : null
}
