import { defineMiddlewares, validateAndTransformBody } from "@medusajs/framework/http"
import { attachRefundPlan } from "./admin/payments/attach-refund-plan"
import { AdminRefundReturnBody } from "./admin/line-refunds/returns/[id]/refund/validators"

export default defineMiddlewares({
  routes: [
    {
      // The stock admin Refund button. With `methods` set this runs after Medusa's own body
      // validation and before its route handler, so the plan is in payment.data in time.
      matcher: "/admin/payments/:id/refund",
      methods: ["POST"],
      middlewares: [attachRefundPlan],
    },
    {
      matcher: "/admin/line-refunds/returns/:id/refund",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminRefundReturnBody)],
    },
  ],
})
