import { MedusaError } from "@medusajs/framework/utils"

/**
 * A provider's own state in a session's or payment's `data`, under one key so it never collides
 * with Medusa's or the plugin's: `read` insists it is there (named by `required`), `patch` is what
 * Medusa deep-merges back.
 */
export function providerData<T extends object>(input: {
  key: string
  gateway: string
  required: keyof T & string
}) {
  return {
    key: input.key,
    read(data: Record<string, unknown> | undefined): T {
      const value = data?.[input.key] as T | undefined
      if (!value?.[input.required]) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `This payment has no ${input.gateway} order: it was not created by the ${input.gateway} provider`,
        )
      }
      return value
    },
    patch(patch: Partial<T>): Record<string, unknown> {
      return { [input.key]: patch }
    },
  }
}
