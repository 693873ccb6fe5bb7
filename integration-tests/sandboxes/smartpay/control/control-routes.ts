/**
 * Smartpay's own /_control endpoints, beside the kit's (../../kit/README.md). Bodies are checked
 * for their types here; values by the control object, which tests call directly too.
 */
import { z } from "zod"
import { controlRoute, orderLookupRoute, type ControlRoute } from "../../kit/control-router"
import type { EventType, SmartpaySandboxControl } from "../sandbox-types"
import { shownUrl } from "./create-control"

const EVENT_TYPES: [EventType, ...EventType[]] = [
  "order.authorized",
  "order.rejected",
  "order.canceled",
  "payment.created",
  "refund.created",
]

export function smartpayRoutes(control: SmartpaySandboxControl): ControlRoute[] {
  return [
    orderLookupRoute(
      "the order, expanded (id: order id, checkout session id, or its reference)",
      (id) => control.order(id),
    ),
    controlRoute(
      "GET",
      "orders/:id/refunds",
      "every refund of the order's payments",
      z.object({}),
      ({ id }) => control.refunds(id),
    ),
    controlRoute(
      "POST",
      "orders/:id/pay",
      "{ outcome?: authorized | rejected }: the shopper finishes on the hosted checkout",
      z.object({ outcome: z.enum(["authorized", "rejected"]).optional() }),
      ({ id }, body) => control.pay(id, body),
    ),
    controlRoute(
      "POST",
      "orders/:id/dashboard-capture",
      "{ amount }: part of an authorised order captured in Smartpay's dashboard; the rest stays capturable",
      z.object({ amount: z.number().int() }),
      ({ id }, body) => control.dashboardCapture(id, body),
    ),
    controlRoute(
      "POST",
      "orders/:id/dashboard-refund",
      "{ amount?, payment?, lineItems?, reason? }: a refund made in Smartpay's dashboard",
      z.object({
        amount: z.number().int().optional(),
        payment: z.string().optional(),
        lineItems: z.array(z.string()).optional(),
        reason: z.enum(["requested_by_customer", "fraudulent"]).optional(),
      }),
      ({ id }, body) => control.dashboardRefund(id, body),
    ),
    controlRoute(
      "POST",
      "refunds/:ref/settle",
      "{ status: succeeded | failed }: a pending refund ends (ref: id, Idempotency-Key or reference)",
      z.object({ status: z.enum(["succeeded", "failed"]) }),
      ({ ref }, body) => control.settleRefund(ref, body),
    ),
    controlRoute(
      "POST",
      "refunds-start-as",
      "{ status: succeeded | pending }: the status of new refunds",
      z.object({ status: z.enum(["succeeded", "pending"]) }),
      (_params, body) => {
        control.setRefundsStartAs(body.status)
        return { refundsStartAs: body.status }
      },
    ),
    controlRoute(
      "POST",
      "refund-listing-delay",
      "{ ms }: new refunds stay off their payment's refunds list this long (0: listed at once)",
      z.object({ ms: z.number().int() }),
      (_params, body) => {
        control.setRefundListingDelay(body.ms)
        return { refundListingDelayMs: body.ms }
      },
    ),
    controlRoute(
      "POST",
      "notify",
      "{ type, id }: one signed event about an order, payment or refund now",
      z.object({ type: z.enum(EVENT_TYPES), id: z.string() }),
      (_params, body) => control.notify(body.type, body.id),
    ),
    controlRoute(
      "POST",
      "webhook-url",
      "{ url: string | null }: where webhooks go",
      z.object({ url: z.string().nullable() }),
      (_params, body) => {
        control.setWebhookUrl(body.url)
        return { webhookUrl: shownUrl(body.url) }
      },
    ),
  ]
}
