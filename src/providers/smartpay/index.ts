import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import SmartpayProviderService from "./service"

export default ModuleProvider(Modules.PAYMENT, { services: [SmartpayProviderService] })
