import { Market, MARKETS, seedTaxesAndPromotion } from "./market-taxes"
import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createLocationFulfillmentSetWorkflow,
  createPricePreferencesWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createServiceZonesWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
} from "@medusajs/medusa/core-flows"

export interface StorefrontOptions {
  /** payment provider ids the region offers, e.g. ["pp_recording_recording"] */
  paymentProviders: string[]
  /** region prices (products and shipping) include tax; default false */
  taxInclusivePrices?: boolean
  /** where the shop sells; default the Netherlands */
  market?: Market
  /**
   * Prices in the market's currency (major units); default Shirt 25, Mug 12.10, Book 40 and
   * shipping 4.95. A currency without decimals (JPY) needs whole prices.
   */
  prices?: ShopPrices
}

export interface ShopPrices {
  shirt: number
  mug: number
  book: number
  shipping: number
}

const DEFAULT_PRICES: ShopPrices = { shirt: 25, mug: 12.1, book: 40, shipping: 4.95 }

export interface Storefront {
  publishableKey: string
  regionId: string
  salesChannelId: string
  currencyCode: string
  countryCode: string
  /** a shopper's address in the shop's country */
  address: Record<string, string>
  shippingOptionId: string
  /** variant ids of the three products */
  variants: { shirt: string; mug: string; book: string }
  products: { shirt: string; mug: string; book: string }
  /** a promotion taking 10.00 off the book lines */
  promoCode: string
}

export const STOREFRONT_ADDRESS = MARKETS.nl.address

/**
 * A web shop, seeded with Medusa's own workflows, that a storefront can check out from through
 * the store API with a publishable key. Dutch by default (`options.market: MARKETS.au` sells in
 * Australia, AUD with 10 % GST on everything):
 * - region Netherlands (EUR) offering `options.paymentProviders`; taxes from tax regions:
 *   21 % by default, 9 % for the Book;
 * - products Shirt 25.00, Mug 12.10, Book 40.00 (no inventory management; `prices` for other
 *   prices), in the shop's sales channel; prices include tax when `taxInclusivePrices`;
 * - shipping option Standard 4.95 (manual fulfillment) for the market's country;
 * - promotion BOOK10: 10.00 off the Book lines.
 * Call once per test: the runner empties the database between tests.
 */
export async function seedStorefront(
  container: MedusaContainer,
  options: StorefrontOptions,
): Promise<Storefront> {
  const market = options.market ?? MARKETS.nl
  const prices = options.prices ?? DEFAULT_PRICES
  const { currency, country } = market
  const {
    result: [salesChannel],
  } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: "Web shop" }] },
  })
  const {
    result: [apiKey],
  } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: "Web shop", type: "publishable", created_by: "" }] },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({
    input: { id: apiKey.id, add: [salesChannel.id] },
  })

  const {
    result: [region],
  } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        {
          name: market.name,
          currency_code: currency,
          countries: [country],
          payment_providers: options.paymentProviders,
          is_tax_inclusive: !!options.taxInclusivePrices,
        } as never,
      ],
    },
  })
  if (options.taxInclusivePrices) {
    // Medusa applies a region's preference only to prices with a region rule; these prices
    // (products and shipping) have a currency only. The store already has an EUR preference.
    const pricing = container.resolve(Modules.PRICING)
    const [existing] = await pricing.listPricePreferences({
      attribute: "currency_code",
      value: currency,
    })
    if (existing) {
      await pricing.updatePricePreferences(existing.id, { is_tax_inclusive: true })
    } else {
      await createPricePreferencesWorkflow(container).run({
        input: [{ attribute: "currency_code", value: currency, is_tax_inclusive: true }],
      })
    }
  }

  const { result: profiles } = await createShippingProfilesWorkflow(container).run({
    input: { data: [{ name: "Web shop parcels", type: "default" }] },
  })
  const profile = profiles[0]
  const { result: products } = await createProductsWorkflow(container).run({
    input: {
      products: [
        ["Shirt", prices.shirt],
        ["Mug", prices.mug],
        ["Book", prices.book],
      ].map(([title, amount]) => ({
        title: title as string,
        status: "published" as never,
        shipping_profile_id: profile.id,
        sales_channels: [{ id: salesChannel.id }],
        options: [{ title: "Default", values: ["Default"] }],
        variants: [
          {
            title: title as string,
            sku: `${String(title).toUpperCase()}-1`,
            options: { Default: "Default" },
            manage_inventory: false,
            prices: [{ amount: amount as number, currency_code: currency }],
          },
        ],
      })),
    },
  })
  const [shirt, mug, book] = products
  const { promoCode } = await seedTaxesAndPromotion(container, book, market)

  const {
    result: [location],
  } = await createStockLocationsWorkflow(container).run({
    input: { locations: [{ name: `Warehouse ${market.warehouse}` }] },
  })
  await linkSalesChannelsToStockLocationWorkflow(container).run({
    input: { id: location.id, add: [salesChannel.id] },
  })
  await container.resolve(ContainerRegistrationKeys.LINK).create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
  })
  await createLocationFulfillmentSetWorkflow(container).run({
    input: {
      location_id: location.id,
      fulfillment_set_data: { name: `Warehouse ${market.warehouse} shipping`, type: "shipping" },
    },
  })
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [withSets],
  } = await query.graph({
    entity: "stock_location",
    fields: ["id", "fulfillment_sets.id"],
    filters: { id: location.id },
  })
  const fulfillmentSetId = (withSets as any).fulfillment_sets[0].id
  const {
    result: [zone],
  } = await createServiceZonesWorkflow(container).run({
    input: {
      data: [
        {
          fulfillment_set_id: fulfillmentSetId,
          name: market.name,
          geo_zones: [{ type: "country", country_code: country }],
        },
      ],
    },
  })
  const {
    result: [shippingOption],
  } = await createShippingOptionsWorkflow(container).run({
    input: [
      {
        name: "Standard",
        service_zone_id: zone.id,
        shipping_profile_id: profile.id,
        provider_id: "manual_manual",
        price_type: "flat",
        type: { label: "Standard", description: "Delivered in 1-2 days", code: "standard" },
        prices: [{ currency_code: currency, amount: prices.shipping }],
        rules: [
          { attribute: "enabled_in_store", value: "true", operator: "eq" },
          { attribute: "is_return", value: "false", operator: "eq" },
        ],
      },
    ],
  })

  return {
    publishableKey: apiKey.token,
    regionId: region.id,
    salesChannelId: salesChannel.id,
    currencyCode: currency,
    countryCode: country,
    address: market.address,
    shippingOptionId: shippingOption.id,
    variants: {
      shirt: shirt.variants[0].id,
      mug: mug.variants[0].id,
      book: book.variants[0].id,
    },
    products: { shirt: shirt.id, mug: mug.id, book: book.id },
    promoCode,
  }
}
