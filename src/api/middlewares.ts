import { defineMiddlewares, validateAndTransformBody } from "@medusajs/framework/http"
import { refundWithPlan } from "./admin/payments/refund-with-plan"
import { refusePartialCapture } from "./admin/payments/refuse-partial-capture"
import { moveUrlToken } from "./hooks/move-url-token"
import { attachCheckoutCart } from "./store/payment-collections/attach-checkout-cart"
import { AdminRefundReturnBody } from "./admin/line-refunds/returns/[id]/refund/validators"
import {
  AdminChosenLinesBody,
  AdminRefundChosenLinesBody,
} from "./admin/line-refunds/orders/[id]/refund/validators"

export default defineMiddlewares({
  routes: [
    {
      // Gateway notifications: a notification URL's `?token=` secret is handed to the provider
      // in a header and kept out of Medusa's request log (src/api/hooks/move-url-token.ts).
      matcher: "/hooks/payment/:provider",
      methods: ["POST"],
      middlewares: [moveUrlToken],
    },
    {
      // The stock admin Refund button. With `methods` set this runs after Medusa's own auth and
      // body validation, and in place of its route handler (it answers the request itself).
      matcher: "/admin/payments/:id/refund",
      methods: ["POST"],
      middlewares: [refundWithPlan],
    },
    {
      // Staff capture: a partial capture of a provider that always captures in full is refused.
      matcher: "/admin/payments/:id/capture",
      methods: ["POST"],
      middlewares: [refusePartialCapture],
    },
    {
      // Storefront payment sessions get the server-computed checkout cart in their data (after
      // Medusa's body validation, before its handler), and lose any the client sent.
      matcher: "/store/payment-collections/:id/payment-sessions",
      methods: ["POST"],
      middlewares: [attachCheckoutCart],
    },
    {
      matcher: "/admin/line-refunds/returns/:id/refund",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminRefundReturnBody)],
    },
    {
      matcher: "/admin/line-refunds/orders/:id/refund",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminRefundChosenLinesBody)],
    },
    {
      matcher: "/admin/line-refunds/orders/:id/refund-preview",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminChosenLinesBody)],
    },
  ],
})
