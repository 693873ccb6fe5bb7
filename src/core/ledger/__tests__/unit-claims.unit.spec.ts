import fc from "fast-check"
import { MedusaError } from "@medusajs/framework/utils"
import { LedgerUnit, unitClaims } from ".."

type ClaimUnit = Pick<LedgerUnit, "kind" | "line_item_id" | "shipping_method_id" | "quantity">

const item = (lineItemId: string, quantity: number): ClaimUnit => ({
  kind: "item",
  line_item_id: lineItemId,
  shipping_method_id: null,
  quantity,
})
const shipping = (methodId: string): ClaimUnit => ({
  kind: "shipping",
  line_item_id: null,
  shipping_method_id: methodId,
  quantity: 1,
})
const ordered: Record<string, number> = { li_a: 4, li_b: 2 }
const orderedQuantity = (lineItemId: string) => ordered[lineItemId] ?? 0

describe("unitClaims", () => {
  it("claims the lowest unit numbers no live refund holds, out of the units ordered", () => {
    const held = [
      { target_id: "li_a", unit_number: 1 },
      { target_id: "li_a", unit_number: 3 },
      { target_id: "li_b", unit_number: 2 },
    ]
    expect(unitClaims([item("li_a", 2), item("li_b", 1)], held, orderedQuantity)).toEqual([
      { target_id: "li_a", unit_number: 2, of_units: 4 },
      { target_id: "li_a", unit_number: 4, of_units: 4 },
      { target_id: "li_b", unit_number: 1, of_units: 2 },
    ])
  })

  it("gives two unit groups of the same line (two returns) different numbers", () => {
    expect(
      unitClaims([item("li_a", 2), item("li_a", 1)], [], orderedQuantity).map((c) => c.unit_number),
    ).toEqual([1, 2, 3])
  })

  it("claims a shipping method as unit 1 of 1, whoever holds it already", () => {
    expect(unitClaims([shipping("sm_1")], [], orderedQuantity)).toEqual([
      { target_id: "sm_1", unit_number: 1, of_units: 1 },
    ])
    // held already: the same claim again, so the database refuses the second refund
    expect(
      unitClaims([shipping("sm_1")], [{ target_id: "sm_1", unit_number: 1 }], orderedQuantity),
    ).toEqual([{ target_id: "sm_1", unit_number: 1, of_units: 1 }])
  })

  it("refuses to claim more units of a line than it was ordered with", () => {
    const claim = () =>
      unitClaims([item("li_b", 2)], [{ target_id: "li_b", unit_number: 1 }], orderedQuantity)
    expect(claim).toThrow(MedusaError)
    expect(claim).toThrow(
      "All 2 units of this item on this order are refunded already or being refunded, so nothing was refunded now. Reload the order to see its refunds. (order line li_b)",
    )
    // staff read the item's title when the units carry it
    expect(() => unitClaims([{ ...item("li_a", 5), title: "Mug" }], [], orderedQuantity)).toThrow(
      'All 4 units of "Mug" on this order are refunded already or being refunded',
    )
    // a line the order does not know has no units to claim
    expect(() => unitClaims([item("li_zzz", 1)], [], orderedQuantity)).toThrow(
      "This item is not on this order, so it cannot be refunded. (order line li_zzz)",
    )
  })

  it("claims nothing for an amount-only refund or a unit without a target", () => {
    expect(unitClaims([], [], orderedQuantity)).toEqual([])
    expect(
      unitClaims(
        [
          { kind: "item", line_item_id: null, shipping_method_id: null, quantity: 1 },
          { kind: "shipping", line_item_id: null, shipping_method_id: null, quantity: 1 },
        ],
        [],
        orderedQuantity,
      ),
    ).toEqual([])
  })

  it("gives two refunds computed from the same held claims the same numbers, so only one gets through", () => {
    const held = [{ target_id: "li_a", unit_number: 2 }]
    const first = unitClaims([item("li_a", 1), shipping("sm_1")], held, orderedQuantity)
    const second = unitClaims([item("li_a", 2), shipping("sm_1")], held, orderedQuantity)
    const key = (c: { target_id: string; unit_number: number }) => `${c.target_id}#${c.unit_number}`
    const collide = first.map(key).filter((k) => second.map(key).includes(k))
    expect(collide).toEqual(["li_a#1", "sm_1#1"])
  })

  it("never claims a held number, a number twice, or beyond the ordered units (property)", () => {
    const scenario = fc.record({
      of: fc.integer({ min: 1, max: 8 }),
      held: fc.uniqueArray(fc.integer({ min: 1, max: 8 }), { maxLength: 8 }),
      groups: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
    })
    fc.assert(
      fc.property(scenario, ({ of, held, groups }) => {
        const heldNumbers = held.filter((n) => n <= of)
        const free = Array.from({ length: of }, (_, i) => i + 1).filter(
          (n) => !heldNumbers.includes(n),
        )
        const wanted = groups.reduce((sum, q) => sum + q, 0)
        const compute = () =>
          unitClaims(
            groups.map((q) => item("li_x", q)),
            heldNumbers.map((n) => ({ target_id: "li_x", unit_number: n })),
            () => of,
          )
        if (wanted > free.length) {
          expect(compute).toThrow(
            "on this order " + (of === 1 ? "is" : "are") + " refunded already or being refunded",
          )
          return
        }
        const numbers = compute().map((c) => c.unit_number)
        // exactly the lowest free numbers, in order: deterministic for the same state
        expect(numbers).toEqual(free.slice(0, wanted))
        expect(compute().map((c) => c.unit_number)).toEqual(numbers)
      }),
    )
  })
})
