import fc from "fast-check"
import { MedusaError } from "@medusajs/framework/utils"
import { minorUnit, toDecimal } from "../../money"
import { orderArbitrary } from "../../refund-plan/__tests__/order-arbitrary"
import {
  buildCheckoutCart,
  CartItemSnapshot,
  CartShippingMethodSnapshot,
  CartSnapshot,
  CheckoutCart,
} from ".."
import { medusaCartTotal, withMedusaTotal } from "./medusa-cart-total"

const address = {
  first_name: "Sam",
  last_name: "Jansen",
  phone: "+31 20 123 4567",
  company: null,
  address_1: "Damrak 1",
  address_2: null,
  postal_code: "1012 LG",
  city: "Amsterdam",
  country_code: "nl",
  province: null,
}

function item(overrides: Partial<CartItemSnapshot> & { id: string }): CartItemSnapshot {
  return {
    title: overrides.id,
    variant_id: `variant_${overrides.id}`,
    product_id: `prod_${overrides.id}`,
    variant_sku: `SKU-${overrides.id}`,
    quantity: 1,
    unit_price: "10",
    is_tax_inclusive: false,
    tax_lines: [],
    adjustments: [],
    ...overrides,
  }
}

const shirt = item({
  id: "cali_shirt",
  title: "Shirt",
  quantity: 2,
  unit_price: "25",
  tax_lines: [{ rate: 21, code: "VAT21" }],
})
const mug = item({
  id: "cali_mug",
  title: "Mug",
  quantity: 3,
  unit_price: "12.1",
  is_tax_inclusive: true,
  tax_lines: [{ rate: 21, code: "VAT21" }],
})
const book = item({
  id: "cali_book",
  title: "Book",
  quantity: 2,
  unit_price: "40",
  tax_lines: [{ rate: 9, code: "VAT9" }],
  adjustments: [{ amount: "10", code: "BOOK10" }],
})
const standard: CartShippingMethodSnapshot = {
  id: "casm_standard",
  name: "Standard",
  amount: "4.95",
  tax_lines: [{ rate: 21 }],
}

function cart(overrides: Partial<Omit<CartSnapshot, "total">> = {}): CartSnapshot {
  return withMedusaTotal({
    id: "cart_1",
    currency_code: "eur",
    email: "sam@example.com",
    items: [],
    shipping_methods: [],
    billing_address: address,
    shipping_address: address,
    ...overrides,
  })
}

function sumOfTotals(checkout: CheckoutCart) {
  return [...checkout.lines, ...checkout.shipping].reduce(
    (sum, part) => sum.plus(part.total),
    toDecimal(0),
  )
}

function expectInvalid(run: () => unknown, message: RegExp) {
  let caught: unknown
  try {
    run()
  } catch (error) {
    caught = error
  }
  expect(MedusaError.isMedusaError(caught)).toBe(true)
  expect((caught as MedusaError).type).toBe(MedusaError.Types.INVALID_DATA)
  expect((caught as MedusaError).message).toMatch(message)
}

describe("buildCheckoutCart", () => {
  it("prices a Dutch cart: exclusive, inclusive, discounted at 9 %, shipping", () => {
    const snapshot = cart({ items: [shirt, mug, book], shipping_methods: [standard] })
    expect(snapshot.total).toBe("179.0895")

    const checkout = buildCheckoutCart(snapshot)

    expect(checkout.total).toBe("179.0895")
    expect(checkout.lines).toEqual([
      {
        line_item_id: "cali_shirt",
        variant_id: "variant_cali_shirt",
        product_id: "prod_cali_shirt",
        sku: "SKU-cali_shirt",
        title: "Shirt",
        position: 0,
        quantity: 2,
        unit_price_excl_tax: "25",
        unit_price_incl_tax: "30.25",
        tax_rate: "21",
        total: "60.5",
      },
      expect.objectContaining({
        line_item_id: "cali_mug",
        position: 1,
        quantity: 3,
        unit_price_excl_tax: "10",
        unit_price_incl_tax: "12.1",
        tax_rate: "21",
        total: "36.3",
      }),
      // 10.00 off the line is 5.00 off each unit, folded into the unit price
      expect.objectContaining({
        line_item_id: "cali_book",
        position: 2,
        quantity: 2,
        unit_price_excl_tax: "35",
        unit_price_incl_tax: "38.15",
        tax_rate: "9",
        total: "76.3",
      }),
    ])
    expect(checkout.shipping).toEqual([
      {
        shipping_method_id: "casm_standard",
        name: "Standard",
        position: 0,
        amount_excl_tax: "4.95",
        amount_incl_tax: "5.9895",
        tax_rate: "21",
        total: "5.9895",
      },
    ])
    expect(sumOfTotals(checkout).toFixed()).toBe(checkout.total)
  })

  it("folds a tax-inclusive discount on a tax-inclusive price into full-precision unit prices", () => {
    const discounted = { ...mug, adjustments: [{ amount: "2.42", is_tax_inclusive: true }] }
    const checkout = buildCheckoutCart(cart({ items: [discounted] }))
    // 36.30 − 2.42 = 33.88 incl. 21 % = 28.00 excl., over 3 units
    expect(checkout.lines[0]).toMatchObject({
      unit_price_excl_tax: "9.33333333333333333333",
      unit_price_incl_tax: "11.29333333333333333333",
      total: "33.88",
    })
    expect(checkout.total).toBe("33.88")
  })

  describe("line discounts, tax included, per promotion code", () => {
    it("adds tax to an adjustment excluding tax (a tax-exclusive price)", () => {
      // BOOK10 takes 10.00 excl. tax off 2 × 40.00 at 9 %: 10.90 incl. tax
      const checkout = buildCheckoutCart(cart({ items: [book] }))
      expect(checkout.lines[0].discounts).toEqual([{ code: "BOOK10", amount_incl_tax: "10.9" }])
      expect(checkout.lines[0].total).toBe("76.3")
      // the line before discounts: 2 × 40.00 × 1.09
      expect(toDecimal(checkout.lines[0].total).plus("10.9").toFixed()).toBe("87.2")
    })

    it("takes a tax-inclusive adjustment's amount as it is (a tax-inclusive price)", () => {
      const discounted = {
        ...mug,
        adjustments: [{ amount: "2.42", is_tax_inclusive: true, code: "MUG" }],
      }
      const checkout = buildCheckoutCart(cart({ items: [discounted] }))
      // Medusa's 2.42 / 1.21 × 1.21 comes back as 2.42 once its division noise is gone
      expect(checkout.lines[0].discounts).toEqual([{ code: "MUG", amount_incl_tax: "2.42" }])
      expect(toDecimal(checkout.lines[0].total).plus("2.42").toFixed()).toBe("36.3")
    })

    it("adds up adjustments of one code, keeps codes apart, and gives null without a code", () => {
      const stacked = {
        ...shirt,
        adjustments: [
          { amount: "5", code: "SUMMER" },
          { amount: "2", code: null },
          { amount: "3", code: "SUMMER" },
        ],
      }
      const checkout = buildCheckoutCart(cart({ items: [stacked] }))
      expect(checkout.lines[0].discounts).toEqual([
        { code: "SUMMER", amount_incl_tax: "9.68" }, // 8.00 × 1.21
        { code: null, amount_incl_tax: "2.42" },
      ])
      // 50.00 − 10.00 at 21 %, and with the discounts back the line before discounts
      expect(checkout.lines[0].total).toBe("48.4")
      expect(
        checkout.lines[0]
          .discounts!.reduce((sum, d) => sum.plus(d.amount_incl_tax), toDecimal(0))
          .plus(checkout.lines[0].total)
          .toFixed(),
      ).toBe("60.5")
    })

    it("lists no discounts for a line without adjustments", () => {
      const checkout = buildCheckoutCart(cart({ items: [shirt] }))
      expect(checkout.lines[0]).not.toHaveProperty("discounts")
    })
  })

  it("prices 9 % and 21 % lines side by side, and sums stacked tax lines into one rate", () => {
    const stacked = item({
      id: "cali_stacked",
      unit_price: "10",
      tax_lines: [{ rate: 6.25 }, { rate: "2.625" }],
    })
    const checkout = buildCheckoutCart(cart({ items: [shirt, book, stacked] }))
    expect(checkout.lines.map((l) => [l.tax_rate, l.total])).toEqual([
      ["21", "60.5"],
      ["9", "76.3"],
      ["8.875", "10.8875"],
    ])
    expect(checkout.total).toBe("147.6875")
  })

  it("keeps a zero-rate line (no tax lines, or a 0 % one) at its price", () => {
    const wrap = item({ id: "cali_wrap", title: "Gift wrap", unit_price: "2.5" })
    const voucher = item({ id: "cali_card", unit_price: "15", tax_lines: [{ rate: 0 }] })
    const checkout = buildCheckoutCart(cart({ items: [wrap, voucher] }))
    expect(checkout.lines.map((l) => [l.tax_rate, l.unit_price_excl_tax, l.total])).toEqual([
      ["0", "2.5", "2.5"],
      ["0", "15", "15"],
    ])
    expect(checkout.total).toBe("17.5")
  })

  it("prices free and discounted shipping, inclusive and exclusive", () => {
    const free = { ...standard, id: "casm_free", adjustments: [{ amount: "4.95" }] }
    const inclusive: CartShippingMethodSnapshot = {
      id: "casm_incl",
      name: "Express",
      amount: "12.1",
      is_tax_inclusive: true,
      tax_lines: [{ rate: 21 }],
    }
    const checkout = buildCheckoutCart(
      cart({ items: [shirt], shipping_methods: [free, inclusive] }),
    )
    expect(checkout.shipping).toEqual([
      expect.objectContaining({ amount_excl_tax: "0", amount_incl_tax: "0", total: "0" }),
      expect.objectContaining({
        position: 1,
        amount_excl_tax: "10",
        amount_incl_tax: "12.1",
        total: "12.1",
      }),
    ])
    expect(checkout.total).toBe("72.6")
  })

  it("prices yen (no decimals), removing Medusa's division noise", () => {
    const tea = item({
      id: "cali_tea",
      quantity: 3,
      unit_price: "1000",
      is_tax_inclusive: true,
      tax_lines: [{ rate: 10 }],
    })
    const shipping = { ...standard, amount: "500", tax_lines: [{ rate: 10 }] }
    const snapshot = cart({ currency_code: "jpy", items: [tea], shipping_methods: [shipping] })
    expect(snapshot.total).toBe("3550")

    const checkout = buildCheckoutCart(snapshot)
    expect(checkout.lines[0]).toMatchObject({
      unit_price_excl_tax: "909.09090909090909090909",
      unit_price_incl_tax: "1000",
      total: "3000",
    })
    expect(checkout.shipping[0]).toMatchObject({ amount_incl_tax: "550", total: "550" })
    expect(sumOfTotals(checkout).toFixed()).toBe("3550")
  })

  it("prices dinars (three decimals)", () => {
    const dates = item({
      id: "cali_dates",
      quantity: 3,
      unit_price: "1.235",
      tax_lines: [{ rate: 5 }],
    })
    const shipping = {
      ...standard,
      amount: "0.75",
      is_tax_inclusive: true,
      tax_lines: [{ rate: 5 }],
    }
    const snapshot = cart({ currency_code: "kwd", items: [dates], shipping_methods: [shipping] })
    const checkout = buildCheckoutCart(snapshot)
    expect(checkout.lines[0]).toMatchObject({
      unit_price_excl_tax: "1.235",
      unit_price_incl_tax: "1.29675",
      total: "3.89025",
    })
    expect(checkout.shipping[0]).toMatchObject({ total: "0.75" })
    expect(checkout.total).toBe("4.64025")
    expect(sumOfTotals(checkout).toFixed()).toBe(checkout.total)
  })

  it("puts noise still left after rounding on the largest total, so the sum is exact", () => {
    // a total reported with a stray 1e-20 (well under a millionth of a cent)
    const snapshot = { ...cart({ items: [shirt, mug] }), total: "96.80000000000000000001" }
    const checkout = buildCheckoutCart(snapshot)
    expect(checkout.lines.map((l) => l.total)).toEqual(["60.50000000000000000001", "36.3"])
    expect(sumOfTotals(checkout).toFixed()).toBe(checkout.total)
  })

  it("describes the customer by the billing address, else the shipping address", () => {
    const billing = { ...address, first_name: "Billie", city: "Utrecht" }
    const both = buildCheckoutCart(cart({ items: [shirt], billing_address: billing }))
    expect(both.customer).toEqual({ email: "sam@example.com", ...billing })
    expect(both.delivery).toEqual({ email: "sam@example.com", ...address })

    const shippingOnly = buildCheckoutCart(cart({ items: [shirt], billing_address: null }))
    expect(shippingOnly.customer).toEqual({ email: "sam@example.com", ...address })

    const anonymous = buildCheckoutCart(
      cart({ items: [shirt], email: null, billing_address: null, shipping_address: null }),
    )
    expect(anonymous.customer).toBeNull()
    expect(anonymous.delivery).toBeNull()
  })

  it("refuses store credit (credit lines)", () => {
    const snapshot = cart({ items: [shirt], credit_lines: [{ amount: "10" }] })
    expect(snapshot.total).toBe("50.5")
    expectInvalid(() => buildCheckoutCart(snapshot), /store credit \(credit lines\) of 10 EUR/)
  })

  it("refuses a total its lines and shipping do not add up to (gift cards and the like)", () => {
    const snapshot = { ...cart({ items: [shirt], shipping_methods: [standard] }), total: "56.4895" }
    expectInvalid(
      () => buildCheckoutCart(snapshot),
      /lines \(60\.5\) and shipping \(5\.9895\) add up to 66\.4895 EUR but Medusa's cart total is 56\.4895 EUR.*gift cards/,
    )
  })

  it("refuses a payment amount that is not the cart's total", () => {
    const snapshot = { ...cart({ items: [shirt] }), payment_amount: "50" }
    expectInvalid(
      () => buildCheckoutCart(snapshot),
      /is for 50 EUR but the cart's total is 60\.5 EUR/,
    )
    expect(buildCheckoutCart({ ...snapshot, payment_amount: "60.50" }).total).toBe("60.5")
  })

  it("refuses fractional or zero quantities, negative lines and unknown currencies", () => {
    expectInvalid(
      () => buildCheckoutCart(cart({ items: [{ ...shirt, quantity: "1.5" }] })),
      /quantity of Cart line cali_shirt \(Shirt\) must be a whole number/,
    )
    expectInvalid(
      () => buildCheckoutCart(cart({ items: [{ ...shirt, quantity: 0 }] })),
      /must be a whole number of units above 0, got 0/,
    )
    expectInvalid(
      () =>
        buildCheckoutCart({
          ...cart({ items: [] }),
          items: [{ ...shirt, adjustments: [{ amount: "60" }] }],
          total: "-12.1",
        }),
      /Cart line cali_shirt \(Shirt\) after discounts, excluding tax, comes to -10, below zero/,
    )
    expectInvalid(() => buildCheckoutCart({ ...cart(), currency_code: "euro" }), /ISO 4217/)
  })

  it("builds an empty cart as no lines and a zero total", () => {
    expect(buildCheckoutCart(cart())).toMatchObject({ total: "0", lines: [], shipping: [] })
  })
})

describe("buildCheckoutCart on random carts", () => {
  const carts = orderArbitrary(60).map((order) =>
    withMedusaTotal({
      id: "cart_random",
      currency_code: order.currency_code,
      items: order.items.map((it, index) => ({
        ...it,
        id: `cali_${index}`,
        product_id: `prod_${index}`,
      })),
      shipping_methods: (order.shipping_methods ?? []).map((method, index) => ({
        ...method,
        id: `casm_${index}`,
        adjustments: (method.adjustments ?? []).map((a) => ({ amount: a.amount })),
      })),
    }),
  )

  it("adds up to Medusa's own cart total exactly, each line within noise of Medusa's", () => {
    fc.assert(
      fc.property(carts, (snapshot) => {
        const checkout = buildCheckoutCart(snapshot)
        expect(checkout.total).toBe(toDecimal(medusaCartTotal(snapshot)).toFixed())
        expect(sumOfTotals(checkout).eq(checkout.total)).toBe(true)
        const noise = minorUnit(snapshot.currency_code).shiftedBy(-6)
        checkout.lines.forEach((line, index) => {
          const alone = medusaCartTotal({
            ...snapshot,
            items: [snapshot.items[index]],
            shipping_methods: [],
          })
          expect(toDecimal(line.total).minus(alone).abs().lte(noise)).toBe(true)
          // the unit prices carry the discounts: excl. × quantity × (1 + rate) is the line total
          const rebuilt = toDecimal(line.unit_price_excl_tax)
            .times(line.quantity)
            .times(toDecimal(line.tax_rate).div(100).plus(1))
          expect(rebuilt.minus(line.total).abs().lte(noise)).toBe(true)
          expect(
            toDecimal(line.unit_price_incl_tax)
              .times(line.quantity)
              .minus(line.total)
              .abs()
              .lte(noise),
          ).toBe(true)
        })
      }),
      { numRuns: 500 },
    )
  })

  it("refuses any cart with store credit", () => {
    fc.assert(
      fc.property(carts, fc.integer({ min: 1, max: 10_000 }), (snapshot, credit) => {
        const withCredit = withMedusaTotal({
          ...snapshot,
          credit_lines: [{ amount: credit / 100 }],
        })
        expect(() => buildCheckoutCart(withCredit)).toThrow(/credit lines/)
      }),
      { numRuns: 50 },
    )
  })
})
