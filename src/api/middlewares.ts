import { defineMiddlewares, validateAndTransformBody } from "@medusajs/framework/http"
import { refundWithPlan } from "./admin/payments/refund-with-plan"
import { AdminRefundReturnBody } from "./admin/line-refunds/returns/[id]/refund/validators"

export default defineMiddlewares({
  routes: [
    {
      // The stock admin Refund button. With `methods` set this runs after Medusa's own auth and
      // body validation, and in place of its route handler (it answers the request itself).
      matcher: "/admin/payments/:id/refund",
      methods: ["POST"],
      middlewares: [refundWithPlan],
    },
    {
      matcher: "/admin/line-refunds/returns/:id/refund",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminRefundReturnBody)],
    },
  ],
})
