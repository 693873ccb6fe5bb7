import { GatewayError } from "./gateway-error"

/**
 * Runs a read made before a money movement is sent (e.g. "is this refund at the gateway already?").
 * If it fails, nothing was sent, so the failure is a definite one whatever its kind ("unavailable":
 * staff may simply try again), never an unknown outcome. Refusals, unknown payments and refused
 * credentials keep their kind.
 */
export async function beforeSending<T>(
  gateway: string,
  what: string,
  read: () => Promise<T>,
): Promise<T> {
  try {
    return await read()
  } catch (error) {
    if (
      error instanceof GatewayError &&
      ["rejected", "not_found", "auth", "rate_limited"].includes(error.kind)
    ) {
      throw error
    }
    const detail = error instanceof Error ? error.message : String(error)
    throw new GatewayError(
      gateway,
      "unavailable",
      `could not read ${what} before refunding (${detail})`,
    )
  }
}

/**
 * Reads a gateway a few times after a refund's answer was lost, for the refund under our key. A
 * read that fails is no answer: it counts as "not seen yet", and `readable` says whether any read
 * succeeded, so a caller never takes "could not look" for "it is not there".
 */
export async function lookAgain<T>(
  find: () => Promise<T | null>,
  waitsMs: ReadonlyArray<number> = [0, 500, 1_000, 2_000],
): Promise<{ found: T | null; readable: boolean }> {
  let readable = false
  for (const waitMs of waitsMs) {
    if (waitMs) await new Promise((resolve) => setTimeout(resolve, waitMs))
    try {
      const found = await find()
      readable = true
      if (found) return { found, readable }
    } catch {
      // no answer: try again
    }
  }
  return { found: null, readable }
}
