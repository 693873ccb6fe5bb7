import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { IPaymentModuleService } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { OPTTY_RETURN_KEY } from "../../../../../providers/optty/storefront/storefront-return"
import { StoreOpttyReturnBodyType } from "./validators"

interface SessionRow {
  id: string
  provider_id: string
  amount: number
  currency_code: string
  status: string
  data: Record<string, unknown> | null
}

/**
 * `POST /store/carts/:id/optty-return`: the storefront's return page hands over the query Optty
 * redirected the shopper with. The Optty provider checks the result hash with the payment secret
 * (a return whose hash does not match is refused with 400 and changes nothing) and keeps the
 * verified result. The answer tells the storefront whether to complete the cart; completing it
 * still asks Optty itself, so a replayed or altered return can never mark a cart paid.
 */
export async function POST(req: MedusaRequest<StoreOpttyReturnBodyType>, res: MedusaResponse) {
  const body = req.validatedBody
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
  const sessions = ((carts[0]?.payment_collection?.payment_sessions ?? []) as SessionRow[]).filter(
    (s) => s.provider_id.startsWith("pp_optty_"),
  )
  const session = sessions.find(
    (s) =>
      (s.data?.optty as { order_reference?: string } | undefined)?.order_reference ===
      body.reference,
  )
  if (!carts[0] || !session) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Cart ${req.params.id} has no Optty payment with reference ${body.reference}`,
    )
  }

  const payments = req.scope.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const updated = await payments.updatePaymentSession({
    id: session.id,
    amount: session.amount,
    currency_code: session.currency_code,
    data: { ...(session.data ?? {}), [OPTTY_RETURN_KEY]: body },
  })
  const optty = (updated.data?.optty ?? {}) as {
    status?: string
    storefront_result?: { status: string }
  }
  res.json({
    payment_session: { id: updated.id, status: updated.status },
    /** what the shopper was told by Optty, verified */
    result: optty.storefront_result?.status ?? null,
    /** Optty's own order status, read just now */
    optty_status: optty.status ?? null,
  })
}
