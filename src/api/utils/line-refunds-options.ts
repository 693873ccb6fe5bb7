import { MedusaContainer } from "@medusajs/framework/types"
import {
  LINE_REFUNDS_MODULE,
  LineRefundsModuleService,
  LineRefundsOptions,
} from "../../modules/line-refunds"

export function lineRefundsOptions(container: MedusaContainer): LineRefundsOptions {
  return container.resolve<LineRefundsModuleService>(LINE_REFUNDS_MODULE).options
}
