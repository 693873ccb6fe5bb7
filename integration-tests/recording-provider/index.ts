import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import RecordingPaymentProvider from "./service"

export default ModuleProvider(Modules.PAYMENT, { services: [RecordingPaymentProvider] })
