import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import OpttyProviderService from "./service"

export default ModuleProvider(Modules.PAYMENT, { services: [OpttyProviderService] })
