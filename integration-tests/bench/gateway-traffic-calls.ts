/**
 * The gateway calls one refund makes, read from its sandbox's request log (`GET /_control/requests`,
 * integration-tests/sandboxes/kit/README.md#request-log) before and after the refund, for
 * integration-tests/bench/gateway-traffic.bench.ts. A sandbox serves every order of the store, so
 * the calls in that window are kept only when they name this order (its gateway order id, or for
 * Smartpay its payment and refund ids) or are a token call followed by one of those; the rest
 * (e.g. a read another order's notification caused) is kept apart as foreign.
 */
import type { DemoOrderSpec, GatewayDescriptor } from "../../src/gateway-kit/descriptor"
import type { ControlClient } from "../sandboxes/kit/demo-actions"

/** A request as the kit's request log records it (the fields read here). */
export interface LoggedRequest {
  at: string
  method: string
  path: string
  query: Record<string, string>
  body: unknown
  rawBody: string
  responseStatus: number | null
}

/** One gateway call a refund made, as the bench shows it. */
export interface ObservedCall {
  /** "GET /v1/json/orders/{order}": ids replaced by placeholders */
  call: string
  token: boolean
  /** the token's scope, when the token call names one (Worldline) */
  scope?: string
  status: number | null
  at: string
}

/** Token endpoints: calls that move no money and name no order. */
const TOKEN_PATHS: Record<string, RegExp> = {
  optty: /^\/auth\/token$/,
  worldline: /\/oauth2\/tokens$/,
}

export async function requestLog(control: ControlClient): Promise<LoggedRequest[]> {
  const answer = await control.get("requests")
  return (Array.isArray(answer) ? answer : answer.requests) as LoggedRequest[]
}

/** The gateway's own ids of one order, as they appear in its API paths and bodies. */
export async function gatewayIdsOf(
  gateway: string,
  control: ControlClient,
  gatewayOrder: string,
): Promise<string[]> {
  if (gateway !== "smartpay") return [gatewayOrder]
  // Smartpay's refunds name the payment, and later reads name the refunds
  // (docs/gateways/smartpay.md#refund-request): the control API lists both
  const order = await control.get(`orders/${encodeURIComponent(gatewayOrder)}`)
  const refunds = await control.get(`orders/${encodeURIComponent(gatewayOrder)}/refunds`)
  const ids = new Set<string>([gatewayOrder, String(order.id)])
  for (const payment of order.payments ?? [])
    ids.add(typeof payment === "string" ? payment : payment.id)
  for (const refund of Array.isArray(refunds) ? refunds : (refunds.refunds ?? []))
    ids.add(refund.id)
  return [...ids].filter((id) => id && id !== "undefined")
}

/** The path with this order's ids and the gateway's own id shapes replaced by placeholders. */
export function callName(request: LoggedRequest, gatewayOrder: string): string {
  let path = request.path
  for (const id of [gatewayOrder, encodeURIComponent(gatewayOrder)])
    path = path.split(id).join("{order}")
  path = path
    .replace(/\/merchants\/\d+\//, "/merchants/{mid}/")
    .replace(/payment_(test|live)_[0-9A-Za-z]+/g, "{payment}")
    .replace(/refund_(test|live)_[0-9A-Za-z]+/g, "{refund}")
    .replace(/order_(test|live)_[0-9A-Za-z]+/g, "{order}")
  return `${request.method} ${path}`
}

function tokenScope(request: LoggedRequest): string | undefined {
  const assertion = (request.body as Record<string, unknown> | undefined)?.assertion
  if (typeof assertion !== "string") return undefined
  try {
    const claims = JSON.parse(Buffer.from(assertion.split(".")[1], "base64url").toString("utf8"))
    return typeof claims.scope === "string" ? claims.scope : undefined
  } catch {
    return undefined
  }
}

/**
 * The calls of `window` that belong to the order: those naming one of its ids, and each token
 * call followed by one of them. Returns them in order, and the rest as foreign.
 */
export function attributeCalls(
  gateway: string,
  window: LoggedRequest[],
  ids: string[],
  gatewayOrder: string,
): { calls: ObservedCall[]; foreign: string[] } {
  const tokenPath = TOKEN_PATHS[gateway]
  const isToken = (r: LoggedRequest) => !!tokenPath && tokenPath.test(r.path)
  const names = (r: LoggedRequest) =>
    ids.some(
      (id) =>
        r.path.includes(id) || r.path.includes(encodeURIComponent(id)) || r.rawBody.includes(id),
    )
  const ours = window.map((r, i) =>
    isToken(r) ? window.slice(i + 1).some((later) => !isToken(later) && names(later)) : names(r),
  )
  const calls: ObservedCall[] = []
  const foreign: string[] = []
  window.forEach((request, i) => {
    const name = callName(request, gatewayOrder)
    if (!ours[i]) return foreign.push(name)
    calls.push({
      call: name,
      token: isToken(request),
      ...(isToken(request) && tokenScope(request) ? { scope: tokenScope(request) } : {}),
      status: request.responseStatus,
      at: request.at,
    })
  })
  return { calls, foreign }
}

/** One way of paying with a provider: what the storefront sends and how the shopper pays. */
export interface PaymentVariant {
  gateway: GatewayDescriptor
  provider: string
  /** e.g. "pp_multisafepay_multisafepay (gateway IDEAL)" */
  label: string
  overrides: Partial<Pick<DemoOrderSpec, "sessionData" | "payment">>
}

/**
 * Every provider the gateway registers in the store, each with every distinct way of paying its
 * descriptor's demo orders use (MultiSafepay's payment page picking iDEAL, Optty's BNPL
 * methods, Worldline's card and bank transfer): those take different refund paths.
 */
export function paymentVariants(
  gateway: GatewayDescriptor,
  registered: string[],
): PaymentVariant[] {
  const prefix = `pp_${gateway.identifier}_`
  const specs = gateway.dev.demoOrders?.orders ?? []
  const variants: PaymentVariant[] = []
  for (const provider of registered.filter((id) => id.startsWith(prefix))) {
    const own = specs.filter((s) => `${prefix}${s.provider}` === provider)
    const choices = new Map<string, PaymentVariant["overrides"]>()
    for (const spec of own.length ? own : [{} as DemoOrderSpec]) {
      const choice = {
        ...(spec.sessionData ? { sessionData: spec.sessionData } : {}),
        ...(spec.payment ? { payment: spec.payment } : {}),
      }
      choices.set(JSON.stringify(choice), choice)
    }
    for (const choice of choices.values()) {
      const shown = Object.entries({ ...choice.sessionData, ...choice.payment })
        .map(([key, value]) => `${key} ${value}`)
        .join(", ")
      variants.push({
        gateway,
        provider,
        label: shown ? `${provider} (${shown})` : provider,
        overrides: choice,
      })
    }
  }
  return variants
}
