import { LineRefundsOptions, parseLineRefundsOptions } from "./options"

/**
 * The plugin's own module. It has no tables: it carries the store's options to the routes,
 * workflows and subscribers, which resolve it from the container by `LINE_REFUNDS_MODULE`.
 */
export default class LineRefundsModuleService {
  readonly options: LineRefundsOptions

  constructor(_container: Record<string, unknown>, options?: unknown) {
    this.options = parseLineRefundsOptions(options)
  }
}
