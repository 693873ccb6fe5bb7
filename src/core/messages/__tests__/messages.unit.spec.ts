import {
  ago,
  blockedByInDoubtMessage,
  details,
  duplicateRefundMessage,
  duration,
  gatewayFailureMessage,
  gatewayRefundFailureReason,
  money,
  noRefundablePaymentMessage,
  nothingToCaptureMessage,
  operationFailedMessage,
  outcomeUnknownMessage,
  paidNotCancellableMessage,
  paymentNotOfOrderMessage,
  refundLineNotInGatewayCartMessage,
  refundRoundsToNothingMessage,
  refundTargetNotFoundMessage,
  refundTaxTableMissingMessage,
  refusedWithoutReason,
  unitsTakenMessage,
} from ".."
import * as fromLedger from "../../ledger"

/** Every message for staff: one or two plain sentences, then ids and causes in parentheses. */
const SENTENCES_THEN_DETAIL = /^[A-Z"][^()]*?[.!](?: \(.+\))?$/

describe("message formatting", () => {
  it("writes amounts as a decimal and the currency code, without float noise", () => {
    expect(money("73.85", "eur")).toBe("73.85 EUR")
    expect(money("73.850", "EUR")).toBe("73.85 EUR")
    expect(money("2199", "jpy")).toBe("2199 JPY")
    expect(money("1.255", "kwd")).toBe("1.255 KWD")
    expect(money("1e2", "eur")).toBe("100.00 EUR")
  })

  it("writes durations in seconds under a minute, else in whole minutes rounded up", () => {
    expect(duration(8)).toBe("8 seconds")
    expect(duration(1)).toBe("1 second")
    expect(duration(0)).toBe("0 seconds")
    expect(duration(-3)).toBe("0 seconds")
    expect(duration(7.6)).toBe("8 seconds")
    expect(duration(59.4)).toBe("59 seconds")
    expect(duration(60)).toBe("1 minute")
    expect(duration(61)).toBe("2 minutes")
    expect(duration(90)).toBe("2 minutes")
    expect(duration(120)).toBe("2 minutes")
    expect(ago(0.4)).toBe("just now")
    expect(ago(8)).toBe("8 seconds ago")
  })

  it("puts ids and causes last, in parentheses, leaving out the unknown ones", () => {
    expect(details("payment pay_1", null, undefined, "", false, "refund ref_1")).toBe(
      " (payment pay_1, refund ref_1)",
    )
    expect(details(null, undefined)).toBe("")
    expect(details(0)).toBe(" (0)")
  })

  it("is what the ledger hands on to its callers", () => {
    expect(fromLedger.duplicateRefundMessage).toBe(duplicateRefundMessage)
    expect(fromLedger.blockedByInDoubtMessage).toBe(blockedByInDoubtMessage)
    expect(fromLedger.outcomeUnknownMessage).toBe(outcomeUnknownMessage)
    expect(fromLedger.money).toBe(money)
  })
})

describe("refund messages for staff", () => {
  it("a lost answer: may be made, nothing booked, do not refund again; the cause comes last", () => {
    expect(
      outcomeUnknownMessage(
        "MultiSafepay",
        "Internal server error; MultiSafepay shows no refund under key lr_09af yet",
      ),
    ).toBe(
      "MultiSafepay may have made this refund, but its answer was lost. Nothing is booked yet; do not refund again — the order page will show the refund once MultiSafepay confirms it, or release it if MultiSafepay never made it. (Internal server error; MultiSafepay shows no refund under key lr_09af yet)",
    )
  })

  it("a refund in doubt blocks this one: its amount and what to wait for, no ids", () => {
    const blocked = blockedByInDoubtMessage({ amount: "73.85", currency_code: "eur" })
    expect(blocked).toBe(
      "An earlier refund of 73.85 EUR on this payment may have been made, but the gateway's answer was lost, so nothing was refunded now. Wait until the order page shows that refund as made or released, and refund again only if it was released.",
    )
    expect(blockedByInDoubtMessage({ amount: "5", currency_code: "jpy" })).toMatch(
      /^An earlier refund of 5 JPY /,
    )
  })

  it("the same amount twice: when it was refunded, that nothing happened, when a second refund is possible", () => {
    const message = (input: Partial<Parameters<typeof duplicateRefundMessage>[0]>) =>
      duplicateRefundMessage({
        amount: "30.25",
        currency_code: "eur",
        age_seconds: 8,
        window_seconds: 120,
        ...input,
      })
    expect(message({})).toBe(
      "The same amount was refunded on this payment 8 seconds ago (30.25 EUR), and no received return is left to refund, so nothing was refunded now. Refund again only if you mean a second refund: try again in 2 minutes.",
    )
    expect(message({ age_seconds: 112.4 })).toMatch(
      /^The same amount was refunded on this payment 2 minutes ago \(30\.25 EUR\), .* try again in 8 seconds\.$/,
    )
    expect(message({ age_seconds: 0.4 })).toMatch(/ just now \(30\.25 EUR\), /)
    expect(message({ age_seconds: 119.6 })).toMatch(/try again in a moment\.$/)
  })

  it("units all taken: names the item by its title, the line id last", () => {
    expect(unitsTakenMessage({ line_item_id: "li_1", title: "Mug", of_units: 3 })).toBe(
      'All 3 units of "Mug" on this order are refunded already or being refunded, so nothing was refunded now. Reload the order to see its refunds. (order line li_1)',
    )
    expect(unitsTakenMessage({ line_item_id: "li_1", title: "Mug", of_units: 1 })).toMatch(
      /^The 1 unit of "Mug" on this order is refunded already/,
    )
    expect(unitsTakenMessage({ line_item_id: "li_1", of_units: 2 })).toMatch(
      /^All 2 units of this item on this order are /,
    )
    expect(unitsTakenMessage({ line_item_id: "li_9", title: "Mug", of_units: 0 })).toBe(
      '"Mug" is not on this order, so it cannot be refunded. (order line li_9)',
    )
    expect(unitsTakenMessage({ line_item_id: "li_9", of_units: 0 })).toBe(
      "This item is not on this order, so it cannot be refunded. (order line li_9)",
    )
  })

  it("what a refund is for: names what is missing or wrong, ids last", () => {
    expect(refundTargetNotFoundMessage("return", "ret_1")).toBe(
      "No return was found for this refund, so nothing was refunded. (return ret_1)",
    )
    expect(paymentNotOfOrderMessage({ payment_id: "pay_1", order_id: "order_1" })).toMatch(
      /^The chosen payment is not one of this order's payments, .* \(payment pay_1, order order_1\)$/,
    )
    expect(noRefundablePaymentMessage("order_1")).toMatch(/ \(order order_1\)$/)
  })
})

describe("gateway failures for staff", () => {
  const failure = (kind: Parameters<typeof gatewayFailureMessage>[0]["kind"], code?: number) =>
    gatewayFailureMessage({
      gateway: "MultiSafepay",
      kind,
      operation: "refund",
      said: "Cannot refund transaction: the same amount was refunded within 5 minutes",
      code,
    })

  it("a refusal: what was not done, then the gateway's own words verbatim and its code", () => {
    expect(failure("rejected", 1034)).toBe(
      "MultiSafepay refused the refund, so nothing was refunded: Cannot refund transaction: the same amount was refunded within 5 minutes (error 1034)",
    )
    // no refund of ours is named: only what the gateway itself says
    expect(failure("rejected")).not.toMatch(/ref_|\(error/)
    expect(
      gatewayFailureMessage({
        gateway: "Optty",
        kind: "rejected",
        operation: "capture",
        said: "Order already captured.",
      }),
    ).toBe("Optty refused the capture, so nothing was captured: Order already captured.")
  })

  it("other kinds say what happened and what to do, with the gateway's words last", () => {
    const said = "(Cannot refund transaction: the same amount was refunded within 5 minutes"
    expect(failure("not_found", 1006)).toBe(
      `MultiSafepay does not know this payment, so the refund was not done. Check that the store is connected to the MultiSafepay account the payment was made with. ${said}, error 1006)`,
    )
    expect(failure("auth")).toMatch(
      /^MultiSafepay refused the store's credentials, so the refund was not done\. Ask whoever set up the store to check its MultiSafepay credentials\. \(/,
    )
    expect(failure("rate_limited")).toMatch(
      /^MultiSafepay is receiving too many requests and did not take the refund, so nothing was done\. Try again in a moment\. \(/,
    )
    expect(failure("unavailable")).toMatch(
      /^MultiSafepay could not be reached or did not answer, so the refund was not sent and nothing was done\. Try again in a moment\. \(/,
    )
    expect(failure("ambiguous")).toMatch(
      /^MultiSafepay's answer to the refund was lost, so it is not known whether it was done\. Check the payment in MultiSafepay's dashboard before trying again\. \(/,
    )
    for (const kind of ["not_found", "auth", "rate_limited", "unavailable", "ambiguous"] as const) {
      expect(failure(kind)).toMatch(SENTENCES_THEN_DETAIL)
    }
  })

  it("names the operation in plain words, and any other one as it is", () => {
    const refused = (operation: string) =>
      gatewayFailureMessage({ gateway: "Acme", kind: "rejected", operation, said: "No" })
    expect(refused("payment creation")).toBe(
      "Acme refused the new payment, so no payment was created: No",
    )
    expect(refused("cancellation")).toBe(
      "Acme refused the cancellation, so nothing was cancelled: No",
    )
    expect(refused("void")).toBe("Acme refused the void, so nothing was changed: No")
    expect(operationFailedMessage("status check", "x is undefined")).toBe(
      "The status check failed: x is undefined",
    )
  })

  it("a failed refund's reason is the gateway's own, verbatim; without one, says it gave none", () => {
    expect(
      gatewayRefundFailureReason({
        gateway: "MultiSafepay",
        status: "declined",
        reason: "Klarna declined the refund: invoice already settled",
      }),
    ).toBe("Klarna declined the refund: invoice already settled")
    expect(
      gatewayRefundFailureReason({ gateway: "MultiSafepay", status: "declined", reason: "  " }),
    ).toBe('MultiSafepay marked the refund "declined" and gave no reason')
    expect(gatewayRefundFailureReason({ gateway: "Optty", status: "FAILED" })).toBe(
      'Optty marked the refund "FAILED" and gave no reason',
    )
    expect(refusedWithoutReason("DECLINED")).toBe("no reason given (refund status DECLINED)")
  })

  it("refunds a provider cannot send: nothing was sent, and what to do instead", () => {
    expect(
      refundRoundsToNothingMessage({
        gateway: "Optty",
        amount: "0.004",
        currency_code: "aud",
        smallest: "0.01",
      }),
    ).toBe(
      "A refund of 0.004 AUD rounds to nothing at Optty, so nothing was sent. Refund at least 0.01 AUD.",
    )
    expect(
      refundTaxTableMissingMessage({
        gateway: "MultiSafepay",
        order_id: "o1",
        tax_table: "21",
        item_id: "li_1",
      }),
    ).toMatch(
      /^MultiSafepay cannot refund .* \(MultiSafepay order o1, tax table "21", item li_1\)$/,
    )
    expect(
      refundLineNotInGatewayCartMessage({
        gateway: "MultiSafepay",
        title: "Mug",
        line_item_id: "li_1",
        why: "two cart lines match",
      }),
    ).toBe(
      '"Mug" cannot be refunded as a line at MultiSafepay (two cart lines match), so nothing was sent. Refund it by amount instead. (order line li_1)',
    )
    expect(nothingToCaptureMessage({ gateway: "Optty", status: "DECLINED", reference: "r1" })).toBe(
      'There is nothing to capture: the payment is "DECLINED" at Optty. (Optty order r1)',
    )
    expect(paidNotCancellableMessage({ gateway: "Optty", reference: "r1" })).toBe(
      "This payment is already captured at Optty, so it cannot be cancelled; refund it instead. (Optty order r1)",
    )
  })
})
