/**
 * MultiSafepay's own /_control endpoints, beside the kit's (see ../../kit/README.md). Bodies
 * are checked for their types here; values (statuses, amounts) by the control object, which
 * tests call directly too.
 */
import { z } from "zod"
import { controlRoute, ControlRoute, orderLookupRoute } from "../../kit/control-router"
import type { SandboxControl } from "../sandbox-types"

const notifyBody = z
  .object({
    forgeSignature: z.boolean(),
    timestampOffsetSeconds: z.number(),
    tamperBody: z.boolean(),
  })
  .partial()

export function multiSafepayRoutes(control: SandboxControl): ControlRoute[] {
  return [
    orderLookupRoute("the order as GET /orders/{id} shows it", (id) => control.order(id)),
    controlRoute(
      "POST",
      "orders/:id/pay",
      "{ gateway?, status? }: the shopper pays (completed, uncleared, declined, expired)",
      z.object({
        gateway: z.string().optional(),
        status: z.enum(["completed", "uncleared", "declined", "expired"]).optional(),
      }),
      ({ id }, body) => control.pay(id, body),
    ),
    controlRoute(
      "POST",
      "orders/:id/refunds/:refundId/complete",
      "a pending refund is accepted",
      z.object({}),
      ({ id, refundId }) => control.completeRefund(id, refundId),
    ),
    controlRoute(
      "POST",
      "orders/:id/refunds/:refundId/fail",
      "{ reason? }: a pending refund is declined",
      z.object({ reason: z.string().optional() }),
      ({ id, refundId }, body) => control.failRefund(id, refundId, body.reason),
    ),
    controlRoute(
      "POST",
      "orders/:id/dashboard-refund",
      "{ amount (minor units), status? }: a refund made in the dashboard",
      z.object({ amount: z.number(), status: z.enum(["reserved", "completed"]).optional() }),
      ({ id }, body) => control.dashboardRefund(id, body),
    ),
    controlRoute(
      "POST",
      "orders/:id/notify",
      "{ forgeSignature?, timestampOffsetSeconds?, tamperBody? }: notifies now",
      notifyBody,
      ({ id }, body) => control.notify(id, body),
    ),
  ]
}
