import { LoaderOptions } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { parseLineRefundsOptions, unknownOptionKeys } from "../options"

/** Runs at boot: invalid options stop the app with the option's name in the error. */
export default async function validateOptionsLoader({ container, options }: LoaderOptions) {
  parseLineRefundsOptions(options)
  const unknown = unknownOptionKeys(options)
  if (unknown.length) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(`medusa-payment-line-refunds: ignoring unknown option(s) ${unknown.join(", ")}`)
  }
}
