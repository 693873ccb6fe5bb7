import { z } from "zod"

/** The query Optty appends to the storefront's return URL, passed on as it came. */
export const opttyReturnBody = z
  .object({
    status: z.string().min(1).max(32),
    reference: z.string().min(1).max(128),
    hash: z.string().min(1).max(256),
    providerReference: z.string().max(256).optional(),
  })
  .strict()

export type OpttyReturnBody = z.infer<typeof opttyReturnBody>
