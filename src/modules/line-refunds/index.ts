import { Module } from "@medusajs/framework/utils"
import validateOptionsLoader from "./loaders/validate-options"
import LineRefundsModuleService from "./service"

export const LINE_REFUNDS_MODULE = "lineRefunds"

export default Module(LINE_REFUNDS_MODULE, {
  service: LineRefundsModuleService,
  loaders: [validateOptionsLoader],
})

export { LineRefundsModuleService }
export type { LedgerRefundPatch } from "./service"
export * from "./options"
