/**
 * Worldline's own /_control endpoints, beside the kit's (../../kit/README.md). Bodies are
 * checked for their types here; values by the control object, which tests call directly too.
 */
import { z } from "zod"
import { SecretScrubber } from "../../kit/secret-scrubber"
import { controlRoute, orderLookupRoute, type ControlRoute } from "../../kit/control-router"
import type { WorldlineSandboxControl } from "../sandbox-types"

export function worldlineRoutes(control: WorldlineSandboxControl): ControlRoute[] {
  return [
    orderLookupRoute("the order as GET …/orders/{orderId} answers it", (id) => control.order(id)),
    controlRoute(
      "GET",
      "orders/:id/refunds",
      "the order's Credit and Payout transactions",
      z.object({}),
      ({ id }) => control.refunds(id),
    ),
    controlRoute(
      "POST",
      "orders/:id/pay",
      "{ outcome?: authorized | declined }: the shopper finishes on the hosted page",
      z.object({ outcome: z.enum(["authorized", "declined"]).optional() }),
      ({ id }, body) => control.pay(id, body),
    ),
    controlRoute(
      "POST",
      "orders/:id/refunds/:ref/settle",
      "{ state: Processed | Declined, description? }: Registered refunds end (ref: id, ids joined with +, or requestId)",
      z.object({ state: z.enum(["Processed", "Declined"]), description: z.string().optional() }),
      ({ id, ref }, body) => control.settleRefund(id, ref, body),
    ),
    controlRoute(
      "POST",
      "orders/:id/portal-capture",
      '{ amount: "20.00" }: part of the order captured in the portal',
      z.object({ amount: z.string() }),
      ({ id }, body) => control.portalCapture(id, body),
    ),
    controlRoute(
      "POST",
      "orders/:id/dashboard-refund",
      '{ amount: "10.00", transactionId? }: a refund made in the portal',
      z.object({ amount: z.string(), transactionId: z.string().optional() }),
      ({ id }, body) => control.dashboardRefund(id, body),
    ),
    controlRoute(
      "POST",
      "orders/:id/notify",
      "one notification about the order now",
      z.object({}),
      ({ id }) => control.notify(id),
    ),
    controlRoute(
      "POST",
      "credits-start-as",
      "{ state: Processed | Registered }: the state of new credits",
      z.object({ state: z.enum(["Processed", "Registered"]) }),
      (_params, body) => {
        control.setCreditsStartAs(body.state)
        return { creditsStartAs: body.state }
      },
    ),
    controlRoute(
      "POST",
      "notification-url",
      "{ url: string | null }: where notifications go",
      z.object({ url: z.string().nullable() }),
      (_params, body) => {
        control.setNotificationUrl(body.url)
        // its token is the store's secret: set, never echoed
        return { notificationUrl: body.url === null ? null : new SecretScrubber([]).url(body.url) }
      },
    ),
  ]
}
