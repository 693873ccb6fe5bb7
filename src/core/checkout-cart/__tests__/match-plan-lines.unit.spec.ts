import fc from "fast-check"
import { MedusaError } from "@medusajs/framework/utils"
import { CheckoutCartLine, matchPlanLines, OrderLineRef, requireMatchedLines } from ".."

function checkoutLine(
  id: string,
  position: number,
  variant: string | null,
  extra: Partial<CheckoutCartLine> = {},
): CheckoutCartLine {
  return {
    line_item_id: id,
    variant_id: variant,
    product_id: variant ? `prod_of_${variant}` : null,
    sku: variant ? `SKU-${variant}` : null,
    title: `Title ${variant ?? id}`,
    position,
    quantity: 1,
    unit_price_excl_tax: "10",
    unit_price_incl_tax: "12.1",
    tax_rate: "21",
    total: "12.1",
    ...extra,
  }
}

function orderLine(
  id: string,
  position: number,
  variant: string | null,
  extra: Partial<OrderLineRef> = {},
): OrderLineRef {
  return {
    line_item_id: id,
    variant_id: variant,
    title: `Title ${variant ?? id}`,
    position,
    ...extra,
  }
}

function matchedIds(matches: ReturnType<typeof matchPlanLines>) {
  return Object.fromEntries(
    Object.values(matches).map((m) => [
      m.line_item_id,
      m.status === "matched" ? m.checkout_line.line_item_id : m.status,
    ]),
  )
}

describe("matchPlanLines", () => {
  const cart = [
    checkoutLine("cali_shirt", 0, "var_shirt"),
    checkoutLine("cali_mug", 1, "var_mug"),
    checkoutLine("cali_book", 2, "var_book"),
  ]

  it("matches order lines to the checkout lines of their variant, whatever the order", () => {
    const order = [
      orderLine("ordli_b", 0, "var_book"),
      orderLine("ordli_s", 1, "var_shirt"),
      orderLine("ordli_m", 2, "var_mug"),
    ]
    expect(matchedIds(matchPlanLines(order, cart))).toEqual({
      ordli_b: "cali_book",
      ordli_s: "cali_shirt",
      ordli_m: "cali_mug",
    })
  })

  it("matches a subset of the order (the refunded lines) when their variants are unique", () => {
    const result = matchPlanLines([orderLine("ordli_m", 1, "var_mug")], cart)
    expect(result).toEqual({
      ordli_m: { status: "matched", line_item_id: "ordli_m", checkout_line: cart[1] },
    })
  })

  it("pairs duplicate variants by rank: the k-th order line with the k-th checkout line", () => {
    const withDuplicates = [
      checkoutLine("cali_red_1", 0, "var_red", { quantity: 1 }),
      checkoutLine("cali_blue", 1, "var_blue"),
      checkoutLine("cali_red_2", 2, "var_red", { quantity: 3 }),
      checkoutLine("cali_red_3", 3, "var_red", { quantity: 2 }),
    ]
    // the order keeps the relative order of equal variants, not the positions themselves
    const order = [
      orderLine("ordli_blue", 0, "var_blue"),
      orderLine("ordli_red_a", 1, "var_red"),
      orderLine("ordli_red_b", 2, "var_red"),
      orderLine("ordli_red_c", 3, "var_red"),
    ]
    expect(matchedIds(matchPlanLines([...order].reverse(), withDuplicates))).toEqual({
      ordli_blue: "cali_blue",
      ordli_red_a: "cali_red_1",
      ordli_red_b: "cali_red_2",
      ordli_red_c: "cali_red_3",
    })
  })

  it("refuses to rank duplicates from a subset of the order's lines", () => {
    const withDuplicates = [
      checkoutLine("cali_a", 0, "var_red"),
      checkoutLine("cali_b", 1, "var_red"),
    ]
    const result = matchPlanLines([orderLine("ordli_b", 1, "var_red")], withDuplicates)
    expect(result.ordli_b).toEqual({
      status: "unmatched",
      line_item_id: "ordli_b",
      reason: expect.stringMatching(/2 checkout lines have variant var_red but only 1 order line/),
    })
  })

  it("leaves unmatched a line with no candidate, and one added after checkout", () => {
    const order = [
      orderLine("ordli_s", 0, "var_shirt"),
      orderLine("ordli_hat", 1, "var_hat"),
      orderLine("ordli_s2", 5, "var_shirt"), // an order edit added a second shirt line
    ]
    const result = matchPlanLines(order, cart)
    expect(result.ordli_s).toMatchObject({ status: "matched", checkout_line: cart[0] })
    expect(result.ordli_hat).toEqual({
      status: "unmatched",
      line_item_id: "ordli_hat",
      reason: "the checkout cart has no line with variant var_hat",
    })
    expect(result.ordli_s2).toMatchObject({
      status: "unmatched",
      reason: expect.stringMatching(/had only 1 such line\(s\): added after checkout/),
    })
  })

  it("matches lines without a variant on product and title", () => {
    const custom = [
      checkoutLine("cali_engrave", 0, null, { title: "Engraving", product_id: null }),
      checkoutLine("cali_wrap", 1, null, { title: "Gift wrap", product_id: null }),
    ]
    const result = matchPlanLines(
      [
        orderLine("ordli_wrap", 0, null, { title: "Gift wrap" }),
        orderLine("ordli_other", 1, null, { title: "Gift wrap", product_id: "prod_x" }),
      ],
      custom,
    )
    expect(matchedIds(result)).toEqual({ ordli_wrap: "cali_wrap", ordli_other: "unmatched" })
    expect(result.ordli_other).toMatchObject({
      reason: 'the checkout cart has no line with no variant, product prod_x and title "Gift wrap"',
    })
  })

  it("matches by a recorded cart line id when the order line carries one", () => {
    const withDuplicates = [
      checkoutLine("cali_a", 0, "var_red"),
      checkoutLine("cali_b", 1, "var_red"),
    ]
    const result = matchPlanLines(
      [
        orderLine("ordli_b", 0, "var_red", { cart_line_item_id: "cali_b" }),
        orderLine("ordli_gone", 1, "var_red", { cart_line_item_id: "cali_zzz" }),
      ],
      withDuplicates,
    )
    expect(matchedIds(result)).toEqual({ ordli_b: "cali_b", ordli_gone: "unmatched" })
  })

  it("requireMatchedLines returns the checkout lines, or names every unmatched line", () => {
    expect(requireMatchedLines(matchPlanLines([orderLine("ordli_m", 1, "var_mug")], cart))).toEqual(
      {
        ordli_m: cart[1],
      },
    )
    let caught: unknown
    try {
      requireMatchedLines(
        matchPlanLines(
          [orderLine("ordli_m", 1, "var_mug"), orderLine("ordli_x", 2, "var_x")],
          cart,
        ),
      )
    } catch (error) {
      caught = error
    }
    expect(MedusaError.isMedusaError(caught)).toBe(true)
    expect((caught as Error).message).toBe(
      "No checkout cart line found for order line(s) ordli_x (the checkout cart has no line with variant var_x)",
    )
  })

  it("maps every line of an order made from the cart back to its own cart line (random carts)", () => {
    const variants = fc.constantFrom("var_a", "var_b", "var_c", null)
    fc.assert(
      fc.property(
        fc.array(variants, { minLength: 1, maxLength: 12 }),
        fc.array(variants, { maxLength: 3 }),
        fc.infiniteStream(fc.integer()),
        (cartVariants, addedLater, shuffle) => {
          const checkout = cartVariants.map((v, i) =>
            checkoutLine(`cali_${i}`, i, v, { title: v ? `Title ${v}` : "Custom" }),
          )
          // the order keeps the cart's lines in their order, positions renumbered with gaps,
          // then lines added by an order edit; the caller may list them in any order
          const order = [
            ...cartVariants.map((v, i) =>
              orderLine(`ordli_${i}`, i * 2 + 1, v, { title: v ? `Title ${v}` : "Custom" }),
            ),
            ...addedLater.map((v, i) =>
              orderLine(`ordli_added_${i}`, 100 + i, v, { title: v ? `Title ${v}` : "Custom" }),
            ),
          ]
          const keys = [...shuffle.take(order.length)]
          const listed = order
            .map((line, i) => ({ line, key: keys[i] }))
            .sort((a, b) => a.key - b.key)
            .map((x) => x.line)

          const result = matchPlanLines(listed, checkout)
          cartVariants.forEach((_, i) => {
            expect(result[`ordli_${i}`]).toMatchObject({
              status: "matched",
              checkout_line: { line_item_id: `cali_${i}` },
            })
          })
          addedLater.forEach((_, i) => {
            expect(result[`ordli_added_${i}`].status).toBe("unmatched")
          })
        },
      ),
      { numRuns: 500 },
    )
  })
})
