import { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { LineRefundsPaymentProvider } from "../../gateway-kit/line-refunds-provider"

const known = new Map<string, boolean>()

/**
 * Whether a payment provider reads refund plans out of `payment.data`: the providers built on
 * this plugin's base class do (src/gateway-kit/line-refunds-provider.ts, `takeRefundPlan`); any
 * other (Medusa's system provider, Stripe, a store's own) never does, so a plan written for it
 * would be two payment writes that nothing reads (ARCHITECTURE.md §2: payment.data is the
 * delivery channel to our own providers; the ledger is the record). Asked of the payment
 * module's provider registry, which Medusa does not type; when it cannot tell, the answer is
 * yes, and the plan is written as before. Remembered per provider id: a process never swaps the
 * class behind an id.
 */
export function takesRefundPlans(container: MedusaContainer, providerId: string): boolean {
  const remembered = known.get(providerId)
  if (remembered !== undefined) return remembered
  let answer = true
  try {
    const registry = (
      container.resolve(Modules.PAYMENT) as unknown as {
        paymentProviderService_?: { retrieveProvider?: (id: string) => unknown }
      }
    ).paymentProviderService_
    if (typeof registry?.retrieveProvider === "function") {
      answer = registry.retrieveProvider(providerId) instanceof LineRefundsPaymentProvider
    }
  } catch {
    answer = true
  }
  known.set(providerId, answer)
  return answer
}
