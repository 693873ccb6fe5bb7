import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import WorldlineProviderService from "./service"

export default ModuleProvider(Modules.PAYMENT, { services: [WorldlineProviderService] })
