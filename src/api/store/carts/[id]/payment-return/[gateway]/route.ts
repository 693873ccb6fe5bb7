import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { IPaymentModuleService } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { descriptorOf } from "../../../../../../gateway-kit/descriptors"

interface SessionRow {
  id: string
  provider_id: string
  amount: number
  currency_code: string
  status: string
  data: Record<string, unknown> | null
}

/**
 * `POST /store/carts/:id/payment-return/:gateway`: the storefront's return page hands over what
 * the gateway sent the shopper back with (for Optty, the query of the redirect). The gateway's
 * descriptor says what the body holds and where the provider reads it; the provider verifies it
 * in `updatePayment` (a return that does not verify is refused with 400 and changes nothing) and
 * keeps the verified result. Completing the cart still asks the gateway itself, so a replayed or
 * altered return can never mark a cart paid.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const gateway = descriptorOf(req.params.gateway)
  const storefrontReturn = gateway?.capabilities.storefrontReturn
  if (!gateway || !storefrontReturn) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `No payment gateway "${req.params.gateway}" takes shoppers' returns here`,
    )
  }
  const parsed = storefrontReturn.body.safeParse(req.body)
  if (!parsed.success) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `This is not a valid return from ${gateway.name}: ${parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`)
        .join("; ")}`,
    )
  }
  const body = parsed.data
  const reference = storefrontReturn.referenceOf(body)

  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: carts } = await query.graph({
    entity: "cart",
    fields: [
      "id",
      "payment_collection.payment_sessions.id",
      "payment_collection.payment_sessions.provider_id",
      "payment_collection.payment_sessions.amount",
      "payment_collection.payment_sessions.currency_code",
      "payment_collection.payment_sessions.status",
      "payment_collection.payment_sessions.data",
    ],
    filters: { id: req.params.id },
  })
  const sessions = (carts[0]?.payment_collection?.payment_sessions ?? []) as SessionRow[]
  const session = sessions.find(
    (s) =>
      s.provider_id.startsWith(`pp_${gateway.identifier}_`) &&
      storefrontReturn.sessionReference(s.data) === reference,
  )
  if (!carts[0] || !session) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Cart ${req.params.id} has no ${gateway.name} payment with reference ${reference}`,
    )
  }

  const payments = req.scope.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const updated = await payments.updatePaymentSession({
    id: session.id,
    amount: session.amount,
    currency_code: session.currency_code,
    data: { ...(session.data ?? {}), [storefrontReturn.dataKey]: body },
  })
  res.json({
    payment_session: { id: updated.id, status: updated.status },
    // what the shopper was told by the gateway, verified; and the gateway's own status just read
    ...storefrontReturn.answer(updated.data ?? null),
  })
}
