import { GatewayRefundOutcome } from "../../core/provider-refunds"
import { amountOnlyIntent } from "../../core/provider-refunds/__fixtures__/refund-intent"
import { GatewayError } from "../gateway-error"
import { refundOnce, RefundOnceSteps } from "../refund-once"

type Made = { id: string }

/**
 * A scripted gateway: what each read answers (a refund, nothing, or a failure) and what each
 * send does, and what the steps were asked to do.
 */
function gateway(script: {
  inspect?: Array<Made | null | Error>
  sends?: Array<"ok" | Error>
  lookFor?: Array<Made | null | Error>
  resendSafe?: boolean
}) {
  const calls: string[] = []
  const next = <T>(list: T[] | undefined, what: string): T => {
    if (!list?.length) throw new Error(`unscripted ${what}`)
    return list.length > 1 ? list.shift()! : list[0]
  }
  const answer = <T>(value: T | Error): T => {
    if (value instanceof Error) throw value
    return value
  }
  const steps: RefundOnceSteps<{ reference: string }, Made> = {
    gateway: "Acme",
    reading: "order o1",
    resendSafe: script.resendSafe ?? false,
    inspect: async () => {
      calls.push("inspect")
      return {
        made: answer(next(script.inspect ?? [null], "inspect")),
        context: { reference: "r1" },
      }
    },
    send: async ({ reference }) => {
      calls.push(`send ${reference}`)
      answer(next(script.sends, "send"))
      return outcome("sent")
    },
    lookFor: async () => {
      calls.push("lookFor")
      return answer(next(script.lookFor, "lookFor"))
    },
    outcomeOf: (made) => outcome(`found ${made.id}`),
  }
  return { steps, calls }
}

function outcome(reference: string): GatewayRefundOutcome {
  return { status: "pending", gateway_reference: reference, gateway: {} }
}

const lost = () => new GatewayError("Acme", "ambiguous", "connection lost")
const refused = () => new GatewayError("Acme", "rejected", "reference already exists")
const options = { inDoubtWindowSeconds: 600, recheckWaitsMs: [0, 0, 0] }
const run = (
  steps: RefundOnceSteps<{ reference: string }, Made>,
  intent = amountOnlyIntent("10"),
) => refundOnce(intent, steps, options)

describe("refundOnce", () => {
  it("records a refund the gateway already made under the key, and sends nothing", async () => {
    const { steps, calls } = gateway({ inspect: [{ id: "rf_1" }] })
    expect(await run(steps)).toEqual(outcome("found rf_1"))
    expect(calls).toEqual(["inspect"])
  })

  it("sends once when the gateway has nothing under the key", async () => {
    const { steps, calls } = gateway({ sends: ["ok"] })
    expect(await run(steps)).toEqual(outcome("sent"))
    expect(calls).toEqual(["inspect", "send r1"])
  })

  it("a failed read before sending is a definite failure: nothing was sent", async () => {
    const { steps, calls } = gateway({
      inspect: [new GatewayError("Acme", "ambiguous", "HTTP 500")],
    })
    await expect(run(steps)).rejects.toMatchObject({
      kind: "unavailable",
      message: "could not read order o1 before refunding (HTTP 500)",
    })
    expect(calls).toEqual(["inspect"])
  })

  it("passes a refusal on as it is, without looking again", async () => {
    const { steps, calls } = gateway({ sends: [refused()] })
    await expect(run(steps)).rejects.toMatchObject({ kind: "rejected" })
    expect(calls).toEqual(["inspect", "send r1"])
  })

  it("after a lost answer, records the refund the gateway shows", async () => {
    const { steps, calls } = gateway({ sends: [lost()], lookFor: [null, { id: "rf_2" }] })
    expect(await run(steps)).toEqual(outcome("found rf_2"))
    expect(calls).toEqual(["inspect", "send r1", "lookFor", "lookFor"])
  })

  it("never sends twice where the gateway's reference does not prevent a duplicate", async () => {
    const { steps, calls } = gateway({ sends: [lost(), "ok"], lookFor: [null] })
    await expect(run(steps)).rejects.toMatchObject({
      kind: "ambiguous",
      message: expect.stringMatching(
        /^connection lost; Acme shows no refund under key lr_\w+ yet$/,
      ),
    })
    expect(calls.filter((c) => c.startsWith("send"))).toHaveLength(1)
  })

  it("sends once more under the same reference where the gateway refuses duplicates, if it could look", async () => {
    const { steps, calls } = gateway({ resendSafe: true, sends: [lost(), "ok"], lookFor: [null] })
    expect(await run(steps)).toEqual(outcome("sent"))
    expect(calls.filter((c) => c.startsWith("send"))).toEqual(["send r1", "send r1"])
  })

  it("does not take 'could not look' for 'not there': no resend when every re-check failed", async () => {
    const { steps, calls } = gateway({
      resendSafe: true,
      sends: [lost(), "ok"],
      lookFor: [new GatewayError("Acme", "ambiguous", "HTTP 500")],
    })
    await expect(run(steps)).rejects.toMatchObject({ kind: "ambiguous" })
    expect(calls.filter((c) => c.startsWith("send"))).toHaveLength(1)
  })

  it("re-checks a refused resend (it may refuse a duplicate of the first) and records what it finds", async () => {
    const found = gateway({
      resendSafe: true,
      sends: [lost(), refused()],
      lookFor: [null, null, null, { id: "rf_3" }],
    })
    expect(await run(found.steps)).toEqual(outcome("found rf_3"))
    const absent = gateway({ resendSafe: true, sends: [lost(), refused()], lookFor: [null] })
    await expect(run(absent.steps)).rejects.toMatchObject({
      kind: "ambiguous",
      message: expect.stringMatching(/^reference already exists; Acme shows no refund/),
    })
  })

  it("a retry of a refund in doubt only asks while the first attempt could still land", async () => {
    const intent = {
      ...amountOnlyIntent("10"),
      in_doubt_since: new Date(Date.now() - 60_000).toISOString(),
    }
    const early = gateway({ sends: ["ok"] })
    await expect(refundOnce(intent, early.steps, options)).rejects.toMatchObject({
      kind: "ambiguous",
      message: expect.stringMatching(
        /shows no refund under key lr_\w+ yet, 60 s after the first attempt/,
      ),
    })
    expect(early.calls).toEqual(["inspect"])
    const late = gateway({ sends: ["ok"] })
    expect(await refundOnce(intent, late.steps, { ...options, inDoubtWindowSeconds: 30 })).toEqual(
      outcome("sent"),
    )
    // found at the gateway: recorded, whatever the window
    const made = gateway({ inspect: [{ id: "rf_4" }] })
    expect(await refundOnce(intent, made.steps, options)).toEqual(outcome("found rf_4"))
  })
})
