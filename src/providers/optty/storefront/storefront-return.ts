import { StorefrontReturn } from "./result-hash"

/**
 * Where the plugin's store route puts the shopper's return (the query Optty added to the
 * redirect URL) for `updatePayment` to verify. Never stored: the provider drops it and keeps
 * only the verified result.
 */
export const OPTTY_RETURN_KEY = "optty_return"

export function readStorefrontReturn(
  data: Record<string, unknown> | undefined,
): StorefrontReturn | null {
  const raw = data?.[OPTTY_RETURN_KEY]
  if (!raw || typeof raw !== "object") return null
  const value = raw as Record<string, unknown>
  const text = (field: string) => (typeof value[field] === "string" ? (value[field] as string) : "")
  return {
    status: text("status"),
    reference: text("reference"),
    hash: text("hash"),
    providerReference: text("providerReference") || null,
  }
}
