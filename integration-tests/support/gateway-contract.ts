import { MedusaContainer } from "@medusajs/framework/types"
import { fromMinorUnits } from "../../src/core/money"
import { reconcilePendingRefunds } from "../../src/jobs/reconcile-pending-refunds"
import type { FaultKind } from "../sandboxes/kit/faults"
import type { RecordedRequest } from "../sandboxes/kit/request-log"
import { settleInDoubtAtGateway } from "./gateway-suite"
import { orderSummary, paymentState } from "./payment-state"
import { refundReportsHandled } from "./refund-outcomes"
import { receiveReturn } from "./seed-order"

/** A captured order of a gateway's test shop, everything shipped, notifications off. */
export interface ContractOrder {
  orderId: string
  paymentId: string
  /** order line ids by product title */
  lines: Record<string, string>
  /** the gateway's id of the order (what its sandbox is asked about) */
  gatewayOrder: string
}

/** A refund as the gateway holds it, in the plugin's terms. */
export interface ContractGatewayRefund {
  reference: string
  status: "pending" | "succeeded" | "failed"
}

/**
 * What a gateway plugs into the contract: its test shop and sandbox, seen through the few
 * operations every gateway has. Built inside the gateway's `medusaIntegrationTestRunner` suite
 * (`integration-tests/support/<gateway>-suite.ts` exports one).
 */
export interface GatewayContractAdapter {
  /** how staff see the gateway named ("MultiSafepay") */
  name: string
  /** the currency of `capturedOrder`'s orders ("eur", "jpy"): amounts in minor units are in it */
  currency: string
  api: any
  getContainer: () => MedusaContainer
  admin: () => { headers: Record<string, string> }
  /** a captured order, notifications off; refunds made on it start pending at the gateway */
  capturedOrder(): Promise<ContractOrder>
  /** the title of a line of `capturedOrder` that can be returned one unit at a time */
  returnedLine: string
  /** the refunds the gateway holds for the order */
  gatewayRefunds(order: ContractOrder): ContractGatewayRefund[]
  /** the refund requests the sandbox received for the order */
  refundRequests(order: ContractOrder): RecordedRequest[]
  /** where the refund request goes, for faults (`path` of a kit fault) */
  refundPath(order: ContractOrder): string
  /** the request that reads the order's refunds at the gateway, for faults */
  readRequest(order: ContractOrder): { method: string; path: string }
  /** the gateway settles a pending refund, without telling Medusa */
  settleRefund(order: ContractOrder, reference: string, outcome: "succeeded" | "failed"): void
  /** the failure reason recorded, word for word, for a refund `settleRefund` fails */
  declineReason: string
  /** the gateway tells Medusa about the order through Medusa's webhook route, once */
  notify(order: ContractOrder): Promise<void>
  /** a notification nobody at the gateway sent, claiming the order's refunds failed */
  forgeNotification(order: ContractOrder): Promise<void>
  /** staff refund `amountMinor` in the gateway's own dashboard, without telling Medusa */
  dashboardRefund(order: ContractOrder, amountMinor: number): void
  /** lets a second refund of the same amount through the gateway's own duplicate rule, if any */
  allowRepeatRefund(): void
  /** arms a sandbox fault (the kit's `failNext`) */
  failNext(fault: {
    method: string
    path: string
    kind: FaultKind
    holdMs?: number
    skip?: number
    times?: number
  }): void
  /** disarms every fault (the kit's `clearFaults`) */
  clearFaults(): void
}

/** A sandbox as the contract scripts it: the kit's faults, and a notification sent on demand. */
type KitSandbox = {
  control: Pick<GatewayContractAdapter, "failNext" | "clearFaults"> & {
    notify(gatewayOrder: string): Promise<unknown>
  }
}

/** What a gateway's suite hands its adapter: the app, its sandbox, its shop, the test's staff. */
export interface AdapterInput<S extends KitSandbox, Shop> {
  api: any
  getContainer: () => MedusaContainer
  sandbox: () => S
  shop: Shop
  admin: () => { headers: Record<string, string> }
}

/**
 * The parts of an adapter every gateway's suite fills the same way: the app, the suite's staff,
 * the kit's faults, the sandbox's own notification, and the line returned (the test shops all
 * sell a Shirt).
 */
export function contractBasics(
  input: AdapterInput<KitSandbox, unknown>,
): Pick<
  GatewayContractAdapter,
  "api" | "getContainer" | "admin" | "returnedLine" | "failNext" | "clearFaults" | "notify"
> {
  return {
    api: input.api,
    getContainer: input.getContainer,
    admin: input.admin,
    returnedLine: "Shirt",
    failNext: (fault) => input.sandbox().control.failNext(fault),
    clearFaults: () => input.sandbox().control.clearFaults(),
    async notify(order) {
      await input.sandbox().control.notify(order.gatewayOrder)
    },
  }
}

/**
 * A webhook nobody at the gateway sent, posted to Medusa's route: resolves once the plugin has
 * handled it (for gateways that sign nothing, whose bodies are only pointers).
 */
export async function postUnsignedWebhook(
  input: Pick<AdapterInput<KitSandbox, unknown>, "api" | "getContainer">,
  path: string,
  body: unknown,
): Promise<void> {
  const handled = refundReportsHandled(input.getContainer())
  const posted = await input.api.post(path, body)
  if (posted.status !== 200) throw new Error(`webhook ${path} answered ${posted.status}`)
  await handled
}

/** The refund statuses that hold money: the ledger counts these. */
const LIVE = ["pending", "succeeded", "in_doubt"]

/**
 * The scenarios every gateway must pass, written once: each gateway's spec calls this inside
 * its suite with its adapter. What is a gateway's own (its formats, its rules) stays in its spec.
 */
export function gatewayContract(
  adapter: () => GatewayContractAdapter,
  options: {
    /** the faults its sandbox can put on the refund request (the kit's vocabulary) */
    refundFaults: readonly FaultKind[]
  },
): void {
  const a = () => adapter()
  const state = (order: ContractOrder) => paymentState(a().getContainer(), order.paymentId)
  const owed = async (order: ContractOrder) =>
    -(await orderSummary(a().api, a().admin(), order.orderId)).pending_difference
  const pressRefund = (order: ContractOrder, amount: number) =>
    a()
      .api.post(`/admin/payments/${order.paymentId}/refund`, { amount }, a().admin())
      .then((r: any) => ({ status: r.status as number, data: r.data }))
      .catch((e: any) => ({ status: e.response.status as number, data: e.response.data }))
  const receive = async (order: ContractOrder) => {
    await receiveReturn(a().api, a().admin(), order.orderId, [
      { id: order.lines[a().returnedLine], quantity: 1 },
    ])
    return owed(order)
  }
  const notified = async (order: ContractOrder, times = 1) => {
    const handled = refundReportsHandled(a().getContainer(), times)
    for (let i = 0; i < times; i++) await a().notify(order)
    await handled
  }

  /** A captured order with one unit returned and refunded, pending at the gateway. */
  async function pendingRefund() {
    const order = await a().capturedOrder()
    const amount = await receive(order)
    expect((await pressRefund(order, amount)).status).toBe(200)
    const { refunds, entries } = await state(order)
    expect(entries).toEqual([
      expect.objectContaining({ refund_id: refunds[0].id, status: "pending" }),
    ])
    const [atGateway] = a().gatewayRefunds(order)
    expect(atGateway).toMatchObject({ status: "pending" })
    return { order, amount, refundId: refunds[0].id, reference: atGateway.reference }
  }

  describe("the gateway contract", () => {
    it("a refund the gateway completes later is settled as succeeded; a replayed notification changes nothing", async () => {
      const { order, refundId, reference } = await pendingRefund()
      a().settleRefund(order, reference, "succeeded")
      await notified(order)
      const after = await state(order)
      expect(after.entries.find((e) => e.refund_id === refundId)).toMatchObject({
        status: "succeeded",
        gateway_reference: reference,
      })
      await notified(order, 2)
      expect(await state(order)).toEqual(after)
      expect(a().refundRequests(order)).toHaveLength(1)
    })

    it("a refund the gateway fails is undone: the order owes the customer again and can be refunded anew", async () => {
      const { order, amount, refundId, reference } = await pendingRefund()
      a().settleRefund(order, reference, "failed")
      await notified(order)
      const failed = await state(order)
      expect(failed.refunds).toHaveLength(0)
      expect(failed.entries.find((e) => e.refund_id === refundId)).toMatchObject({
        status: "failed",
        // the gateway's own reason, word for word: the one the adapter's settleRefund fails with
        failure_reason: a().declineReason,
      })
      expect(failed.ledger.units).toEqual({})
      expect(await owed(order)).toBeCloseTo(amount, 10)

      a().allowRepeatRefund()
      expect((await pressRefund(order, amount)).status).toBe(200)
      expect(
        a()
          .gatewayRefunds(order)
          .map((r) => r.status),
      ).toEqual(["failed", "pending"])
      expect(await owed(order)).toBeCloseTo(0, 10)
    })

    it("a refund made in the gateway's dashboard is recorded in Medusa without calling the gateway", async () => {
      const order = await a().capturedOrder()
      a().dashboardRefund(order, 1000)
      await notified(order)
      const { refunds, entries } = await state(order)
      // 1000 minor units: 10.00 EUR, 1000 JPY
      const amount = Number(fromMinorUnits(1000, a().currency))
      expect(refunds).toEqual([expect.objectContaining({ amount })])
      expect(entries).toEqual([
        expect.objectContaining({
          refund_id: refunds[0].id,
          status: "succeeded",
          source: "gateway_report",
          kind: "amount",
        }),
      ])
      expect(a().refundRequests(order)).toHaveLength(0)
    })

    it("a forged notification changes nothing", async () => {
      const { order } = await pendingRefund()
      const before = await state(order)
      await a().forgeNotification(order)
      expect(await state(order)).toEqual(before)
    })

    it("a pending refund whose notification is lost is made good by the reconciliation job", async () => {
      const { order, refundId, reference } = await pendingRefund()
      a().settleRefund(order, reference, "succeeded")
      const early = await reconcilePendingRefunds(a().getContainer(), { now: new Date() })
      expect(early.asked).toEqual([])
      const handled = refundReportsHandled(a().getContainer())
      const later = await reconcilePendingRefunds(a().getContainer(), {
        now: new Date(Date.now() + 31 * 60_000),
      })
      expect(later.asked).toEqual([order.paymentId])
      await handled
      const { entries } = await state(order)
      expect(entries.find((e) => e.refund_id === refundId)?.status).toBe("succeeded")
      expect(a().refundRequests(order)).toHaveLength(1)
    })

    it("a double press of Refund refunds once: the second is refused as a repeat", async () => {
      const order = await a().capturedOrder()
      const amount = await receive(order)
      expect((await pressRefund(order, amount)).status).toBe(200)
      const again = await pressRefund(order, amount)
      expect(again.status).toBe(400)
      expect(again.data.message).toMatch(/^The same amount was refunded on this payment /)
      expect(a().refundRequests(order)).toHaveLength(1)
      expect((await state(order)).refunds).toHaveLength(1)
    })

    it("twenty concurrent presses of Refund make one refund at the gateway", async () => {
      const order = await a().capturedOrder()
      const amount = await receive(order)
      const results = await Promise.all(
        Array.from({ length: 20 }, () => pressRefund(order, amount)),
      )
      expect(results.filter((r) => r.status === 200)).toHaveLength(1)
      expect(new Set(results.filter((r) => r.status !== 200).map((r) => r.status))).toEqual(
        new Set([400]),
      )
      expect(a().refundRequests(order)).toHaveLength(1)
      expect(a().gatewayRefunds(order)).toHaveLength(1)
      const { refunds, entries } = await state(order)
      expect(refunds).toHaveLength(1)
      expect(entries.filter((e) => LIVE.includes(e.status))).toHaveLength(1)
      expect(await owed(order)).toBeCloseTo(0, 10)
    })

    describe("a lost answer whose follow-up reads fail too", () => {
      /** The gateway makes the refund, its answer is lost, and it cannot be read for a while. */
      async function lostAndUnreadable() {
        const order = await a().capturedOrder()
        const amount = await receive(order)
        // every answer to the refund lost, repeats under the same key included (a gateway whose
        // key makes a repeat safe, as Worldline's request id, repeats it at once)
        a().failNext({
          method: "POST",
          path: a().refundPath(order),
          kind: "lost_response",
          times: 1_000,
        })
        // every read after the one before the refund, until the test clears the faults
        a().failNext({ ...a().readRequest(order), kind: "http_500", skip: 1, times: 1_000 })
        return { order, amount, first: await pressRefund(order, amount) }
      }

      it("is in doubt, not a failure; a retry that cannot read sends nothing; the late notification books it once", async () => {
        const { order, amount, first } = await lostAndUnreadable()
        expect(first.status).toBe(409)
        expect(first.data.code).toBe("line_refunds.outcome_unknown")
        expect(first.data.message).toMatch(
          new RegExp(
            `^${a().name} may have made this refund, but its answer was lost\\. Nothing is booked yet; do not refund again — .* \\(.+\\)$`,
          ),
        )
        expect(a().gatewayRefunds(order)).toHaveLength(1) // the gateway did refund
        const doubt = await state(order)
        expect(doubt.refunds).toHaveLength(0)
        expect(doubt.entries).toEqual([expect.objectContaining({ status: "in_doubt" })])

        // staff retry while the gateway still cannot be read: the same refund, nothing sent
        const retry = await pressRefund(order, amount)
        expect(retry.status).toBe(503)
        expect(retry.data.message).toMatch(
          /so the refund was not sent and nothing was done\. Try again in a moment\. \(.+\)$/,
        )
        expect(a().refundRequests(order)).toHaveLength(1)

        // the gateway answers again, and its notification comes, late
        a().clearFaults()
        await notified(order)
        const booked = await state(order)
        expect(booked.refunds).toHaveLength(1)
        expect(booked.entries).toEqual([
          expect.objectContaining({
            id: doubt.entries[0].id,
            status: "pending",
            refund_id: booked.refunds[0].id,
            units: [
              expect.objectContaining({ line_item_id: order.lines[a().returnedLine], quantity: 1 }),
            ],
          }),
        ])
        expect(await owed(order)).toBeCloseTo(0, 10)

        // staff retry once more: nothing is left to refund
        expect((await pressRefund(order, amount)).status).toBe(400)
        expect(a().refundRequests(order)).toHaveLength(1)
        expect(a().gatewayRefunds(order)).toHaveLength(1)
      })

      it("with no notification and no retry, the reconciliation job books it once", async () => {
        const { order } = await lostAndUnreadable()
        a().clearFaults()
        const handled = refundReportsHandled(a().getContainer())
        expect((await reconcilePendingRefunds(a().getContainer())).asked).toEqual([order.paymentId])
        await handled
        const { refunds, entries } = await state(order)
        expect(refunds).toHaveLength(1)
        expect(entries).toEqual([
          expect.objectContaining({ status: "pending", refund_id: refunds[0].id }),
        ])
        expect(a().gatewayRefunds(order)).toHaveLength(1)
        expect(a().refundRequests(order)).toHaveLength(1)
      })
    })

    // Every fault the client can meet on the refund: a lost answer after the gateway refunded, a
    // timeout before it did, a refusal. Whatever happened, once the gateway has been asked and
    // staff have refunded what is still owed, there is exactly one refund, none lost.
    it.each(options.refundFaults.map((kind) => [kind]))(
      "with %s on the refund, then the gateway asked and staff refunding what is owed: one refund, none lost",
      async (kind) => {
        const order = await a().capturedOrder()
        const amount = await receive(order)
        a().failNext({
          method: "POST",
          path: a().refundPath(order),
          kind,
          ...(kind === "timeout" ? { holdMs: 5_000 } : {}),
        })
        const first = await pressRefund(order, amount)
        // refunded, in doubt (409), or refused with "try again" (429/503): never anything else
        expect([200, 409, 429, 503]).toContain(first.status)
        await settleInDoubtAtGateway(a().getContainer(), order.paymentId)
        const left = await owed(order)
        if (left > 0) expect((await pressRefund(order, left)).status).toBe(200)

        const { refunds, entries } = await state(order)
        const atGateway = a()
          .gatewayRefunds(order)
          .filter((r) => r.status !== "failed")
        expect(atGateway).toHaveLength(1)
        expect(refunds).toHaveLength(1)
        expect(entries.filter((e) => LIVE.includes(e.status))).toEqual([
          expect.objectContaining({ refund_id: refunds[0].id }),
        ])
        expect(await owed(order)).toBeCloseTo(0, 10)
      },
    )
  })
}
