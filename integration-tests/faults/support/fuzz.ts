import { MedusaContainer } from "@medusajs/framework/types"
import fc from "fast-check"
import { currencyExponent } from "../../../src/core/money"
import type { ContractOrder } from "../../support/gateway-contract"
import { OPTTY_CREDENTIALS } from "../../support/optty-suite"
import { resultHash } from "../../sandboxes/optty/start-sandbox"
import {
  anyJson,
  anyObject,
  badAmount,
  badQuantity,
  extraKeys,
  FuzzRequest,
  notABoolean,
  notAString,
  oneOf,
  randomBodyRequest,
  seedFor,
  unknownId,
} from "./arbitraries"
import { addSandboxState, changedKeys, databaseDigest, describeChange } from "./digest"
import type { FaultsGateway } from "./gateways"
import { describeAnswer, isServerError, pool, send } from "./http"
import type { BackgroundWork } from "./quiet"
import type { ResultRow } from "./results"

/** Bodies per webhook route, and per plugin route over the four gateways' apps. */
export const WEBHOOK_BODIES = 1000
export const PLUGIN_ROUTE_BODIES_PER_APP = 250
export const STORE_RETURN_BODIES = 1000
const FUZZ_CONCURRENCY = 8

/** An order of the fuzz fixtures, with what its routes are aimed at. */
export interface FuzzOrder extends ContractOrder {
  items: Array<{ id: string; quantity: number }>
  shippingMethodIds: string[]
  returnIds: string[]
  cartId: string
}

/** A cart whose Optty payment the shopper has paid but not yet come back from. */
export interface PendingOpttyReturn {
  cartId: string
  reference: string
  /** the query Optty sent the shopper back with (a valid return: never sent as such) */
  query: Record<string, string>
}

export interface FuzzFixtures {
  orders: FuzzOrder[]
  currency: string
  publishableKey: string
  admin: { headers: Record<string, string> }
  opttyReturn?: PendingOpttyReturn
}

/** Adds what fuzzing aims at to a captured order: its lines, shipping, returns and cart. */
export async function fuzzOrder(
  api: any,
  admin: { headers: Record<string, string> },
  order: ContractOrder & { cartId?: string },
  returnIds: string[],
): Promise<FuzzOrder> {
  const { data } = await api.get(`/admin/line-refunds/orders/${order.orderId}`, admin)
  return {
    ...order,
    items: (data.items as Array<{ line_item_id: string; ordered: number }>).map((i) => ({
      id: i.line_item_id,
      quantity: i.ordered,
    })),
    shippingMethodIds: (data.shipping as Array<{ shipping_method_id: string }>).map(
      (s) => s.shipping_method_id,
    ),
    returnIds,
    cartId: order.cartId ?? "",
  }
}

/** The plugin routes that fuzzing aims at, each with its requests. */
export function pluginRouteFuzz(
  f: FuzzFixtures,
): Array<{ route: string; requests: fc.Arbitrary<FuzzRequest>; refusesAll?: boolean }> {
  const decimals = currencyExponent(f.currency)
  const orders = f.orders
  const others = (o: FuzzOrder) => orders.filter((x) => x !== o)
  const otherLines = (o: FuzzOrder) => others(o).flatMap((x) => x.items.map((i) => i.id))
  const otherShipping = (o: FuzzOrder) => others(o).flatMap((x) => x.shippingMethodIds)
  const otherPayments = (o: FuzzOrder) => others(o).map((x) => x.paymentId)
  const encoded = (ids: fc.Arbitrary<string>) => ids.map((id) => encodeURIComponent(id))
  const anyIdNotOurs = (prefix: string) =>
    fc.oneof(
      unknownId(prefix),
      oneOf(orders.flatMap((o) => [o.orderId, o.paymentId, o.gatewayOrder, ...o.returnIds])),
    )
  // mostly staff's headers; sometimes none, or a token nobody issued
  const adminHeaders = fc.oneof(
    { weight: 18, arbitrary: fc.constant(f.admin.headers) },
    { weight: 1, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: fc.constant({ authorization: "Bearer not.a.token" }) },
  )
  const post = (
    url: fc.Arbitrary<string>,
    body: fc.Arbitrary<unknown>,
  ): fc.Arbitrary<FuzzRequest> =>
    fc.record({ method: fc.constant("POST" as const), url, body, headers: adminHeaders })
  /** random objects, unless they could be a valid body (keys of the schema only) */
  const notOnly = (allowed: string[]) =>
    fc.oneof(
      anyJson.filter((b) => b === null || typeof b !== "object" || Array.isArray(b)),
      anyObject.filter((b) => Object.keys(b).some((k) => !allowed.includes(k))),
    )

  // POST /admin/payments/:id/refund — a real payment only ever with an amount no refund takes
  const stockAllowed = ["amount", "note", "refund_reason_id"]
  const stockReal = oneOf(orders).chain((o) =>
    post(
      fc.constant(`/admin/payments/${o.paymentId}/refund`),
      fc.oneof(
        fc
          .record(
            {
              amount: badAmount(decimals),
              note: fc.oneof(fc.string({ maxLength: 30 }), notAString),
              refund_reason_id: fc.oneof(unknownId("refr"), notAString),
            },
            { requiredKeys: ["amount"] },
          )
          .chain((b) =>
            fc.oneof(
              fc.constant(b),
              extraKeys.map((x) => ({ ...b, ...x })),
            ),
          ),
        notOnly(stockAllowed),
      ),
    ),
  )
  const stockOther = post(
    encoded(anyIdNotOurs("pay")).map((id) => `/admin/payments/${id}/refund`),
    fc.oneof(anyJson, fc.record({ amount: fc.double({ min: 0.01, max: 100, noNaN: true }) })),
  ).filter((r) => !orders.some((o) => r.url === `/admin/payments/${o.paymentId}/refund`))

  // POST /admin/line-refunds/returns/:id/refund — a real return only ever with a bad field
  const returnAllowed = ["payment_id", "include_shipping", "note", "refund_reason_id"]
  const withReturns = orders.filter((o) => o.returnIds.length)
  const validOptional = fc.record(
    { include_shipping: fc.boolean(), note: fc.string({ maxLength: 20 }) },
    { requiredKeys: [] },
  )
  const returnReal = oneOf(withReturns).chain((o) =>
    post(
      oneOf(o.returnIds).map((id) => `/admin/line-refunds/returns/${id}/refund`),
      fc.oneof(
        fc
          .tuple(
            validOptional,
            fc.oneof(
              fc.record({ include_shipping: notABoolean }),
              fc.record({ note: notAString }),
              fc.record({ refund_reason_id: notAString }),
              fc.record({
                payment_id: fc.oneof(
                  otherPayments(o).length ? oneOf(otherPayments(o)) : unknownId("pay"),
                  unknownId("pay"),
                  notAString,
                  fc.constant(""),
                ),
              }),
              extraKeys,
            ),
          )
          .map(([valid, bad]) => ({ ...valid, ...bad })),
        notOnly(returnAllowed),
      ),
    ),
  )
  const returnOther = post(
    encoded(anyIdNotOurs("return")).map((id) => `/admin/line-refunds/returns/${id}/refund`),
    fc.oneof(fc.constant({}), anyJson, validOptional),
  ).filter((r) => !orders.some((o) => o.returnIds.some((id) => r.url.includes(`/returns/${id}/`))))

  // POST /admin/line-refunds/orders/:id/refund — a real order only ever with a bad choice
  const chosenAllowed = ["lines", "shipping_method_ids", "payment_id", "note", "refund_reason_id"]
  const chosenReal = oneOf(orders).chain((o) => {
    const own = oneOf(o.items)
    const validLine = own.map((i) => ({ line_item_id: i.id, quantity: 1 }))
    const badLine = fc.oneof(
      fc.record({
        line_item_id: fc.oneof(
          otherLines(o).length ? oneOf(otherLines(o)) : unknownId("ordli"),
          unknownId("ordli"),
          notAString,
          fc.constant(""),
        ),
        quantity: fc.constant(1),
      }),
      own.chain((i) =>
        fc.record({ line_item_id: fc.constant(i.id), quantity: badQuantity(i.quantity) }),
      ),
      validLine.chain((l) => extraKeys.map((x) => ({ ...l, ...x }))),
      // the same line twice, more units than were ordered in all
      own.map((i) => ({ line_item_id: i.id, quantity: i.quantity, twice: true })),
    )
    const lines = fc
      .tuple(
        fc.array(validLine, { maxLength: 1 }),
        fc.array(badLine, { minLength: 1, maxLength: 3 }),
      )
      .chain(([valid, bad]) =>
        fc.shuffledSubarray([...valid, ...bad], { minLength: valid.length + bad.length }),
      )
      .map((all) =>
        all.flatMap((l: any) => {
          if (!l.twice) return [l]
          const { twice: _twice, ...line } = l
          return [line, { ...line, quantity: 1 }]
        }),
      )
    const badShipping = fc.array(
      fc.oneof(
        otherShipping(o).length ? oneOf(otherShipping(o)) : unknownId("ordsm"),
        unknownId("ordsm"),
        notAString,
      ),
      { minLength: 1, maxLength: 2 },
    )
    return post(
      fc.constant(`/admin/line-refunds/orders/${o.orderId}/refund`),
      fc.oneof(
        fc.record({ lines }),
        fc.record({
          lines: fc.array(validLine, { maxLength: 1 }),
          shipping_method_ids: badShipping,
        }),
        fc.constantFrom({}, { lines: [] }, { lines: [], shipping_method_ids: [] }),
        own.map((i) => ({ lines: [{ line_item_id: i.id, quantity: 0 }] })),
        fc.record({
          lines: fc.array(validLine, { minLength: 1, maxLength: 1 }),
          payment_id: fc.oneof(
            otherPayments(o).length ? oneOf(otherPayments(o)) : unknownId("pay"),
            unknownId("pay"),
            notAString,
          ),
        }),
        fc
          .tuple(
            fc.array(validLine, { minLength: 1, maxLength: 1 }),
            fc.oneof(
              fc.record({ note: notAString }),
              fc.record({ refund_reason_id: notAString }),
              fc.record({ lines: notAString.filter((v) => !Array.isArray(v)) }),
              extraKeys,
            ),
          )
          .map(([valid, bad]) => ({ lines: valid, ...bad })),
        notOnly(chosenAllowed),
      ),
    )
  })
  const chosenOther = post(
    encoded(anyIdNotOurs("order")).map((id) => `/admin/line-refunds/orders/${id}/refund`),
    fc.oneof(
      anyJson,
      oneOf(orders).map((o) => ({ lines: [{ line_item_id: o.items[0].id, quantity: 1 }] })),
    ),
  ).filter((r) => !orders.some((o) => r.url === `/admin/line-refunds/orders/${o.orderId}/refund`))

  // POST …/refund-preview writes nothing, so any body goes, valid ones too
  const previewBody = fc.oneof(
    anyJson,
    oneOf(orders).chain((o) =>
      fc.record({
        lines: fc.array(
          fc.record({
            line_item_id: fc.oneof(oneOf(o.items.map((i) => i.id)), unknownId("ordli")),
            quantity: fc.oneof(fc.integer({ min: -3, max: 5 }), notAString),
          }),
          { maxLength: 3 },
        ),
        shipping_method_ids: fc.array(fc.oneof(oneOf(o.shippingMethodIds), unknownId("ordsm")), {
          maxLength: 2,
        }),
      }),
    ),
  )
  const orderIds = fc.oneof(oneOf(orders.map((o) => o.orderId)), anyIdNotOurs("order"))
  const preview = post(
    encoded(orderIds).map((id) => `/admin/line-refunds/orders/${id}/refund-preview`),
    previewBody,
  )

  // GET /admin/line-refunds/orders/:id — the body of a GET is its id and query
  const summary = fc.record({
    method: fc.constant("GET" as const),
    url: fc
      .tuple(
        encoded(orderIds),
        fc.dictionary(
          fc.constantFrom("fields", "payment_id", "expand", "limit", "q", "x"),
          fc.string(),
          {
            maxKeys: 3,
          },
        ),
      )
      .map(([id, q]) => {
        const query = new URLSearchParams(q).toString()
        return `/admin/line-refunds/orders/${id}${query ? `?${query}` : ""}`
      }),
    headers: adminHeaders,
  })

  return [
    {
      route: "POST /admin/payments/:id/refund",
      refusesAll: true,
      requests: fc.oneof(
        { weight: 3, arbitrary: stockReal },
        { weight: 1, arbitrary: stockOther },
        {
          weight: 1,
          arbitrary: randomBodyRequest(
            fc.constant("/admin/payments/pay_unknown/refund"),
            adminHeaders,
          ),
        },
      ),
    },
    {
      route: "POST /admin/line-refunds/returns/:id/refund",
      refusesAll: true,
      requests: fc.oneof(
        { weight: 3, arbitrary: returnReal },
        { weight: 1, arbitrary: returnOther },
      ),
    },
    {
      route: "POST /admin/line-refunds/orders/:id/refund",
      refusesAll: true,
      requests: fc.oneof(
        { weight: 3, arbitrary: chosenReal },
        { weight: 1, arbitrary: chosenOther },
      ),
    },
    { route: "POST /admin/line-refunds/orders/:id/refund-preview", requests: preview },
    { route: "GET /admin/line-refunds/orders/:id", requests: summary },
  ]
}

/**
 * POST /store/carts/:id/payment-return/:gateway — the shopper's return, never valid: the hash is
 * wrong, or right for another status or order, or the cart, gateway or key are not the payment's.
 */
export function storeReturnFuzz(f: FuzzFixtures): {
  route: string
  requests: fc.Arbitrary<FuzzRequest>
  refusesAll: boolean
} {
  const pending = f.opttyReturn!
  const secret = OPTTY_CREDENTIALS.paymentSecret
  const statuses = ["SUCCESSFUL", "CANCELLED", "DECLINED", "ERROR"]
  const hex = fc.stringMatching(/^[0-9a-f]{128}$/)
  const otherReference = fc.oneof(oneOf(f.orders.map((o) => o.gatewayOrder)), unknownId("payses"))
  const wrongHash = fc.oneof(
    hex,
    fc.string({ maxLength: 300 }),
    // right for another status, sent with this one
    fc
      .tuple(oneOf(statuses), oneOf(statuses))
      .filter(([a, b]) => a !== b)
      .map(([signed, sent]) => ({ signed, sent })),
    otherReference.map((reference) => ({ reference })),
  )
  const forThisCart = fc
    .tuple(oneOf(statuses), wrongHash, fc.option(fc.string({ maxLength: 40 }), { nil: undefined }))
    .map(([status, hash, providerReference]) => {
      const body: Record<string, unknown> = { status, reference: pending.reference }
      if (typeof hash === "string") body.hash = hash
      else if ("signed" in hash) {
        body.status = hash.sent
        body.hash = resultHash(secret, hash.signed, pending.reference)
      } else body.hash = resultHash(secret, status, hash.reference)
      if (providerReference !== undefined) body.providerReference = providerReference
      return body
    })
  const wrongShape = fc.oneof(
    fc.record({
      status: fc.oneof(notAString, fc.string({ minLength: 33, maxLength: 60 })),
      reference: fc.constant(pending.reference),
      hash: fc.constant(pending.query.hash ?? "x"),
    }),
    fc.record({
      status: fc.constant(pending.query.status ?? "SUCCESSFUL"),
      reference: fc.oneof(notAString, fc.constant("")),
      hash: fc.constant(pending.query.hash ?? "x"),
    }),
    // the real return with something added (the schema is strict)
    extraKeys.map((x) => ({ ...pending.query, ...x })),
    anyJson,
  )
  // the real, valid return, but for another cart or another gateway: never for its own
  const misdirected = fc.record({
    cart: fc.oneof(oneOf(f.orders.map((o) => o.cartId).filter(Boolean)), unknownId("cart")),
    gateway: fc.constantFrom("optty", "multisafepay", "worldline", "smartpay", "OPTTY", "x"),
  })
  const headers = fc.oneof(
    { weight: 8, arbitrary: fc.constant({ "x-publishable-api-key": f.publishableKey }) },
    { weight: 1, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: fc.constant({ "x-publishable-api-key": "pk_not_a_key" }) },
  )
  const own = `/store/carts/${pending.cartId}/payment-return`
  return {
    route: "POST /store/carts/:id/payment-return/:gateway",
    refusesAll: true,
    requests: fc.oneof(
      fc.record({
        method: fc.constant("POST" as const),
        url: fc.constant(`${own}/optty`),
        body: fc.oneof(forThisCart, wrongShape),
        headers,
      }),
      fc.record({
        method: fc.constant("POST" as const),
        url: misdirected
          .filter((m) => m.gateway !== "optty")
          .map((m) => `${own}/${encodeURIComponent(m.gateway)}`),
        body: fc.constant(pending.query),
        headers,
      }),
      fc.record({
        method: fc.constant("POST" as const),
        url: misdirected.map(
          (m) =>
            `/store/carts/${encodeURIComponent(m.cart)}/payment-return/${encodeURIComponent(m.gateway)}`,
        ),
        body: fc.oneof(fc.constant(pending.query), forThisCart, anyJson),
        headers,
      }),
      randomBodyRequest(fc.constant(`${own}/optty`), headers),
    ),
  }
}

export interface FuzzContext {
  api: any
  getContainer: () => MedusaContainer
  work: BackgroundWork
  gateway: FaultsGateway
  fixtures: FuzzFixtures
  seed: number
}

/**
 * Fires `count` generated requests at a route (bounded concurrency), waits until the app has
 * handled everything they set off (webhooks are handed to providers ~5 s later), and compares
 * the state before and after: any row that differs is a state change from bad input.
 */
export async function fuzzRoute(
  context: FuzzContext,
  target: {
    route: string
    requests: fc.Arbitrary<FuzzRequest>
    gateway: string
    /** a 2xx answer means the bad input was taken (a refund route): shown in the notes */
    refusesAll?: boolean
  },
  count: number,
): Promise<ResultRow> {
  const { api, getContainer, work, gateway, fixtures } = context
  const digest = async () =>
    addSandboxState(
      await databaseDigest(getContainer()),
      Object.fromEntries(fixtures.orders.map((o) => [o.gatewayOrder, gateway.refundsAt(o)])),
    )
  const idle = () => work.idle({ also: gateway.settleNotifications })
  await idle()
  const before = await digest()
  const seed = seedFor(context.seed, `${gateway.name} ${target.route}`)
  // FAULTS_FUZZ_RUNS: fewer bodies for a quick look (the run then fails: too few bodies)
  const runs = Number(process.env.FAULTS_FUZZ_RUNS || count)
  const requests = fc.sample(target.requests, { seed, numRuns: runs })
  const answers = await pool(requests, FUZZ_CONCURRENCY, (r) => send(api, r, 30_000))
  await idle()
  const after = await digest()
  const changed = changedKeys(before, after)
  const errors = answers
    .map((answer, i) => ({ answer, request: requests[i] }))
    .filter(({ answer }) => isServerError(answer))
  const taken = target.refusesAll
    ? answers
        .map((answer, i) => ({ answer, request: requests[i] }))
        .filter(({ answer }) => answer.status >= 200 && answer.status < 300)
    : []
  const statuses = new Map<number, number>()
  for (const answer of answers) statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1)
  const histogram = [...statuses]
    .sort(([a], [b]) => a - b)
    .map(([status, n]) => `${status}×${n}`)
    .join(", ")
  const show = (r: FuzzRequest) =>
    `${r.method} ${r.url} ${(r.rawBody ?? JSON.stringify(r.body) ?? "").slice(0, 300)}`
  return {
    kind: "fuzz",
    gateway: target.gateway,
    entry: target.route,
    fault: "fuzz",
    cases: requests.length,
    faultsHit: null,
    lost: null,
    doubled: null,
    fiveXx: errors.length,
    stateChanges: changed.length,
    retryLater: 0,
    notes: [
      ...(errors.length || changed.length
        ? [`[${gateway.name} app, seed ${seed}] answers: ${histogram}`]
        : []),
      ...errors
        .slice(0, 5)
        .map(
          ({ answer, request }) =>
            `[${gateway.name} app, seed ${seed}] ${show(request)} → ${describeAnswer(answer)} ${JSON.stringify(answer.data)?.slice(0, 300)}`,
        ),
      ...taken
        .slice(0, 5)
        .map(
          ({ answer, request }) =>
            `[${gateway.name} app, seed ${seed}] taken: ${show(request)} → ${answer.status}`,
        ),
      ...changed
        .slice(0, 6)
        .map((key) => `[${gateway.name} app, seed ${seed}] ${describeChange(key, before, after)}`),
    ],
  }
}
