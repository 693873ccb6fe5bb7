import { buildShoppingCart } from "../checkout/build-shopping-cart"
import { cartTotal } from "../checkout/rounding-rule"
import { O1_CHECKOUT_CART } from "../__fixtures__/order-o1"

describe("MultiSafepay rounding rule", () => {
  it("rounds the items total and the VAT total separately (TV4: 3 × 13.7741046832 at 21 %)", () => {
    const unit = "13.7741046832"
    const total = (quantity: number) => cartTotal([{ unit_price: unit, quantity, rate: "0.21" }])
    expect(total(3).toFixed(2)).toBe("50.00")
    // returning 1 unit refunds 50.00 − 33.33… = 16.66, then the last 2 units 33.34
    expect(total(3).minus(total(2)).toFixed(2)).toBe("16.66")
    expect(total(2).minus(total(0)).toFixed(2)).toBe("33.34")
  })

  it("TV11: 2-decimal ex-VAT prices miss the gross total by a cent, 10 decimals do not", () => {
    expect(cartTotal([{ unit_price: "25.26", quantity: 3, rate: "0.21" }]).toFixed(2)).toBe("91.69")
    expect(cartTotal([{ unit_price: "25.2644628099", quantity: 3, rate: "0.21" }]).toFixed(2)).toBe(
      "91.71",
    )
  })
})

describe("buildShoppingCart", () => {
  it("builds order O1: 10-decimal ex-VAT prices, a table per rate plus 0, shipping as msp-shipping", () => {
    const cart = buildShoppingCart(O1_CHECKOUT_CART, 9500)
    expect(cart.items).toEqual([
      {
        name: "T-shirt M",
        description: "",
        unit_price: 24.7933884298,
        quantity: 2,
        merchant_item_id: "L1",
        tax_table_selector: "21",
      },
      {
        name: "Mug",
        description: "",
        // 9.174311926605… rounded up at the 10th decimal, see orderUnitPrice
        unit_price: 9.1743119267,
        quantity: 3,
        merchant_item_id: "L2",
        tax_table_selector: "9",
      },
      {
        name: "Standard",
        description: "Shipping",
        unit_price: 4.132231405,
        quantity: 1,
        merchant_item_id: "msp-shipping",
        tax_table_selector: "21",
      },
    ])
    expect(cart.tax_tables.alternate.map((t) => [t.name, t.rules[0].rate])).toEqual([
      ["0", 0],
      ["9", 0.09],
      ["21", 0.21],
    ])
    expect(cart.item_refs).toEqual({
      L1: { kind: "line", id: "cali_shirt", position: 0 },
      L2: { kind: "line", id: "cali_mug", position: 1 },
      "msp-shipping": { kind: "shipping", id: "casm_std", position: 0 },
    })
  })

  it("refuses, before any call, a cart that MultiSafepay would total differently", () => {
    expect(() => buildShoppingCart(O1_CHECKOUT_CART, 9501)).toThrow(
      "MultiSafepay would total this cart at 95.00 under its rounding rule, but the payment is 95.01 EUR",
    )
  })

  it("keeps merchant_item_ids unique when SKUs repeat or are missing", () => {
    const [shirt, mug] = O1_CHECKOUT_CART.lines
    const cart = buildShoppingCart(
      {
        ...O1_CHECKOUT_CART,
        lines: [
          { ...shirt, sku: "SAME" },
          { ...mug, sku: "SAME" },
        ],
      },
      9500,
    )
    const ids = cart.items.map((i) => i.merchant_item_id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toEqual(["SAME", "L2", "msp-shipping"])
  })
})
