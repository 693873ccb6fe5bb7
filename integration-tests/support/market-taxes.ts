import { MedusaContainer } from "@medusajs/framework/types"
import {
  createPromotionsWorkflow,
  createTaxRatesWorkflow,
  createTaxRegionsWorkflow,
} from "@medusajs/medusa/core-flows"

export const BOOK10 = "BOOK10"

/** Where a test shop sells: its currency, country, taxes and a shopper's address there. */
export interface Market {
  name: string
  currency: string
  country: string
  /** the country's default rate, and the book's reduced rate where there is one */
  tax: { rate: number; code: string; name: string }
  bookTax: { rate: number; code: string; name: string } | null
  warehouse: string
  address: Record<string, string>
}

export const MARKETS = {
  /** the Netherlands: 21 % VAT, 9 % for books */
  nl: {
    name: "Netherlands",
    currency: "eur",
    country: "nl",
    tax: { rate: 21, code: "VAT21", name: "NL VAT" },
    bookTax: { rate: 9, code: "VAT9", name: "NL reduced VAT" },
    warehouse: "Amsterdam",
    address: {
      first_name: "Sam",
      last_name: "Jansen",
      phone: "+31201234567",
      address_1: "Damrak 1",
      city: "Amsterdam",
      postal_code: "1012 LG",
      country_code: "nl",
    },
  },
  /** Australia: 10 % GST on everything sold here (Optty's home market) */
  au: {
    name: "Australia",
    currency: "aud",
    country: "au",
    tax: { rate: 10, code: "GST", name: "AU GST" },
    bookTax: null,
    warehouse: "Sydney",
    address: {
      first_name: "Sam",
      last_name: "Citizen",
      phone: "+61299990000",
      address_1: "1 George St",
      city: "Sydney",
      province: "NSW",
      postal_code: "2000",
      country_code: "au",
    },
  },
} satisfies Record<string, Market>

/**
 * The taxes and promotion every test shop uses: the market's tax by default (a reduced rate for
 * the book by a product rule where the market has one), and the promotion BOOK10 taking 10.00
 * off the book lines.
 */
export async function seedTaxesAndPromotion(
  container: MedusaContainer,
  book: { id: string },
  market: Market = MARKETS.nl,
): Promise<{ promoCode: string }> {
  const currencyCode = market.currency
  const {
    result: [taxRegion],
  } = await createTaxRegionsWorkflow(container).run({
    input: [
      { country_code: market.country, provider_id: "tp_system", default_tax_rate: market.tax },
    ],
  })
  if (market.bookTax) {
    await createTaxRatesWorkflow(container).run({
      input: [
        {
          tax_region_id: taxRegion.id,
          ...market.bookTax,
          rules: [{ reference: "product", reference_id: book.id }],
        },
      ],
    })
  }
  await createPromotionsWorkflow(container).run({
    input: {
      promotionsData: [
        {
          code: BOOK10,
          type: "standard",
          status: "active",
          application_method: {
            type: "fixed",
            target_type: "items",
            allocation: "across",
            value: 10,
            currency_code: currencyCode,
            target_rules: [{ attribute: "items.product_id", operator: "eq", values: [book.id] }],
          },
        },
      ],
    },
  })
  return { promoCode: BOOK10 }
}
