/**
 * Optty's own /_control endpoints, beside the kit's (see ../../kit/README.md). Bodies are
 * checked for their types here; values (statuses, amounts) by the control object, which tests
 * call directly too.
 */
import { z } from "zod"
import { controlRoute, ControlRoute, orderLookupRoute } from "../../kit/control-router"
import type { SandboxControl } from "../sandbox-types"

const refundStart = z.enum(["SUCCESSFUL", "PENDING"])

const payBody = z
  .object({
    status: z.enum(["SUCCESSFUL", "DECLINED", "CANCELLED", "ERROR"]),
    providerReference: z.string(),
    surchargeAmount: z.string(),
  })
  .partial()

export function opttyRoutes(control: SandboxControl): ControlRoute[] {
  return [
    orderLookupRoute("the raw stored order (amounts in cents)", (reference) =>
      control.order(reference),
    ),
    controlRoute(
      "POST",
      "orders/:reference/pay",
      "{ status?, providerReference?, surchargeAmount? }: the shopper finishes at the provider",
      payBody,
      ({ reference }, body) => control.pay(reference, body),
    ),
    controlRoute(
      "POST",
      "orders/:reference/refunds/:refundId/settle",
      "{ status: SUCCESSFUL | FAILED, reason? }: a PENDING refund ends",
      z.object({ status: z.enum(["SUCCESSFUL", "FAILED"]), reason: z.string().optional() }),
      ({ reference, refundId }, body) => control.settleRefund(reference, refundId, body),
    ),
    controlRoute(
      "POST",
      "orders/:reference/dashboard-refund",
      '{ amount: "10.00", status? }: a refund made in the portal',
      z.object({ amount: z.string(), status: refundStart.optional() }),
      ({ reference }, body) => control.dashboardRefund(reference, body),
    ),
    controlRoute(
      "POST",
      "orders/:reference/notify",
      "{ body? }: a webhook now (the payment state, or body verbatim)",
      z.object({ body: z.unknown().optional() }),
      ({ reference }, body) => control.notify(reference, body.body),
    ),
    controlRoute(
      "POST",
      "refunds-start-as",
      "{ status: SUCCESSFUL | PENDING }: how new refunds start",
      z.object({ status: refundStart }),
      (_params, body) => {
        control.setRefundsStartAs(body.status)
        return { refundsStartAs: body.status }
      },
    ),
    controlRoute("POST", "expire-tokens", "revokes every token issued", z.object({}), () => ({
      revoked: control.expireTokens(),
    })),
  ]
}
