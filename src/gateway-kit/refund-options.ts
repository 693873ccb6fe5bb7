import { z } from "zod"

/**
 * Options every gateway provider of the plugin takes, spread into its own option schema.
 */
export const refundOptionsShape = {
  /**
   * A refund whose answer was lost is in doubt. When the gateway still shows no refund under its
   * key this many seconds after it was sent, it was never made: its units are released and a
   * retry may send it again. Until then a retry only asks the gateway. Default 10 minutes.
   */
  inDoubtWindowSeconds: z.number().int().min(0).max(86_400).default(600),
}
