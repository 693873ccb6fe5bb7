import { MedusaContainer } from "@medusajs/framework/types"
import {
  createPromotionsWorkflow,
  createTaxRatesWorkflow,
  createTaxRegionsWorkflow,
} from "@medusajs/medusa/core-flows"

export const BOOK10 = "BOOK10"

/**
 * The Dutch taxes and promotion every test shop uses: 21 % VAT by default, 9 % for the book by a
 * product rule, and the promotion BOOK10 taking 10.00 off the book lines.
 */
export async function seedDutchTaxesAndPromotion(
  container: MedusaContainer,
  book: { id: string },
  currencyCode = "eur",
): Promise<{ promoCode: string }> {
  const {
    result: [taxRegion],
  } = await createTaxRegionsWorkflow(container).run({
    input: [
      {
        country_code: "nl",
        provider_id: "tp_system",
        default_tax_rate: { rate: 21, code: "VAT21", name: "NL VAT" },
      },
    ],
  })
  await createTaxRatesWorkflow(container).run({
    input: [
      {
        tax_region_id: taxRegion.id,
        rate: 9,
        code: "VAT9",
        name: "NL reduced VAT",
        rules: [{ reference: "product", reference_id: book.id }],
      },
    ],
  })
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
