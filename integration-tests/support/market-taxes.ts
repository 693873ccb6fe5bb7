import { MedusaContainer } from "@medusajs/framework/types"
import {
  createPromotionsWorkflow,
  createTaxRatesWorkflow,
  createTaxRegionsWorkflow,
} from "@medusajs/medusa/core-flows"
import { Market } from "../../src/gateway-kit/descriptor"
import { gatewayDescriptors } from "../../src/gateway-kit/descriptors"

export const BOOK10 = "BOOK10"

export type { Market }

/**
 * Where test shops sell, keyed by country: the markets the gateways' descriptors list
 * (`descriptor.ts` in each folder of src/providers), e.g. `MARKETS.nl`, `MARKETS.au`.
 */
export const MARKETS: Readonly<Record<string, Market>> = Object.fromEntries(
  gatewayDescriptors().flatMap((gateway) =>
    gateway.capabilities.markets.map((market) => [market.country, market]),
  ),
)

/** The market of `country`; fails the test setup when no gateway sells there. */
export function marketOf(country: string): Market {
  const market = MARKETS[country]
  if (!market) throw new Error(`No gateway descriptor sells in "${country}"`)
  return market
}

/**
 * The taxes and promotion every test shop uses: the market's tax by default (a reduced rate for
 * the book by a product rule where the market has one), and the promotion BOOK10 taking 10.00
 * off the book lines.
 */
export async function seedTaxesAndPromotion(
  container: MedusaContainer,
  book: { id: string },
  market: Market = marketOf("nl"),
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
