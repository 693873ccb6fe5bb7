import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import OutsidePaymentProvider from "./outside-service"
import RecordingPaymentProvider from "./service"

/**
 * Test doubles at the gateway edge, both recording into one in-process "gateway":
 * `pp_recording_recording` is built on the plugin's provider base class (a gateway of ours);
 * `pp_outside_recording` is a provider outside the plugin (amount refunds only).
 */
export default ModuleProvider(Modules.PAYMENT, {
  services: [RecordingPaymentProvider, OutsidePaymentProvider],
})
