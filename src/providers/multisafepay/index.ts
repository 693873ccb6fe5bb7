import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import MultiSafepayProviderService from "./service"

export default ModuleProvider(Modules.PAYMENT, { services: [MultiSafepayProviderService] })
