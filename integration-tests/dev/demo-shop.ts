/**
 * The demo store's shop, made through the admin API as staff would set it up: one region per
 * market the gateways' descriptors sell in (integration-tests/support/market-taxes.ts), with its
 * taxes (the book at the reduced rate), a warehouse with stock, a Standard shipping option, the
 * book promotion, a sales channel and its publishable key. The ids are kept in the store's
 * metadata, so a later boot or a test process finds the shop again (`loadDemoShop`).
 */
import type { DemoProduct, Market } from "../../src/gateway-kit/descriptor"
import { descriptorOfProvider } from "../../src/gateway-kit/descriptors"
import { BOOK10, MARKETS } from "../support/market-taxes"
import {
  DEMO_PRODUCTS,
  demoAmount,
  DEMO_PROMOTION_VALUE,
  DEMO_SHIPPING,
  DEMO_SHOP_NAME,
  DEMO_STOCK,
} from "./demo-catalog"
import { AdminApi, adminApi, StoreConnection } from "./store-http"

export interface DemoShop {
  publishableKey: string
  salesChannelId: string
  shippingProfileId: string
  products: Record<DemoProduct, { productId: string; variantId: string; sku: string }>
  /** by country, e.g. `markets.nl` */
  markets: Record<string, DemoMarket>
}

export interface DemoMarket {
  name: string
  country: string
  currency: string
  regionId: string
  stockLocationId: string
  shippingOptionId: string
  /** the promotion taking 10.00 off the book lines (codes are per currency) */
  promoCode: string
  /** the providers the region offers */
  paymentProviders: string[]
  /** a shopper's address there */
  address: Record<string, string>
}

const METADATA_KEY = "line_refunds_demo_shop"

/** The demo shop the store's metadata names, or null when it was never seeded. */
export async function loadDemoShop(store: StoreConnection): Promise<DemoShop | null> {
  const { store: shopStore } = await currentStore(adminApi(store))
  return (shopStore.metadata?.[METADATA_KEY] as DemoShop | undefined) ?? null
}

/** Creates the demo shop in a store (call once: see `isEmptyStore`). */
export async function seedDemoShop(store: StoreConnection): Promise<DemoShop> {
  const admin = adminApi(store)
  const markets = Object.values(MARKETS)
  const { store: shopStore } = await currentStore(admin)
  await offerCurrencies(admin, shopStore, markets)

  const {
    sales_channel: { id: salesChannelId },
  } = await admin.post("/admin/sales-channels", {
    name: DEMO_SHOP_NAME,
    description: "The dev store's demo shop (integration-tests/dev/demo-shop.ts)",
  })
  const { api_key: key } = await admin.post("/admin/api-keys", {
    title: DEMO_SHOP_NAME,
    type: "publishable",
  })
  await admin.post(`/admin/api-keys/${key.id}/sales-channels`, { add: [salesChannelId] })
  const {
    shipping_profile: { id: shippingProfileId },
  } = await admin.post("/admin/shipping-profiles", { name: "Demo parcels", type: "default" })

  const products = await createProducts(admin, markets, salesChannelId, shippingProfileId)
  const { payment_providers } = await admin.get("/admin/payments/payment-providers?limit=100")
  const registered: string[] = payment_providers.map((p: { id: string }) => p.id)

  const promoCodes = promotionCodes(markets)
  const shop: DemoShop = {
    publishableKey: key.token,
    salesChannelId,
    shippingProfileId,
    products,
    markets: {},
  }
  for (const market of markets) {
    shop.markets[market.country] = await seedMarket(admin, market, {
      shop,
      registered,
      promoCode: promoCodes.get(market.currency)!,
    })
  }
  for (const [currency, code] of promoCodes) {
    await createPromotion(admin, code, currency, products.book.productId)
  }
  await admin.post(`/admin/stores/${shopStore.id}`, {
    metadata: { ...shopStore.metadata, [METADATA_KEY]: shop },
  })
  return shop
}

async function currentStore(admin: AdminApi) {
  const { stores } = await admin.get("/admin/stores?fields=id,metadata,supported_currencies.*")
  if (!stores?.[0]) throw new Error("the store has no store record (has Medusa booted once?)")
  return { store: stores[0] }
}

/** The store offers every market's currency (the admin shows prices in those only). */
async function offerCurrencies(admin: AdminApi, store: any, markets: Market[]) {
  const offered = (store.supported_currencies ?? []).map((c: any) => ({
    currency_code: c.currency_code,
    is_default: !!c.is_default,
  }))
  for (const currency of new Set(markets.map((m) => m.currency))) {
    if (!offered.some((c: any) => c.currency_code === currency)) {
      offered.push({ currency_code: currency, is_default: offered.length === 0 })
    }
  }
  await admin.post(`/admin/stores/${store.id}`, { supported_currencies: offered })
}

/** BOOK10 in the first market's currency, BOOK10<CURRENCY> in the others (codes are unique). */
function promotionCodes(markets: Market[]): Map<string, string> {
  const codes = new Map<string, string>()
  for (const { currency } of markets) {
    if (!codes.has(currency))
      codes.set(currency, codes.size === 0 ? BOOK10 : `${BOOK10}${currency.toUpperCase()}`)
  }
  return codes
}

async function createProducts(
  admin: AdminApi,
  markets: Market[],
  salesChannelId: string,
  shippingProfileId: string,
): Promise<DemoShop["products"]> {
  const currencies = [...new Set(markets.map((m) => m.currency))]
  const products = {} as DemoShop["products"]
  for (const [handle, item] of Object.entries(DEMO_PRODUCTS) as Array<
    [DemoProduct, (typeof DEMO_PRODUCTS)[DemoProduct]]
  >) {
    const { product } = await admin.post("/admin/products?fields=id,variants.id", {
      title: item.title,
      handle: `demo-${handle}`,
      description: item.description,
      status: "published",
      shipping_profile_id: shippingProfileId,
      sales_channels: [{ id: salesChannelId }],
      options: [{ title: "Default", values: ["Default"] }],
      variants: [
        {
          title: item.title,
          sku: item.sku,
          options: { Default: "Default" },
          manage_inventory: true,
          prices: currencies.map((currency) => ({
            currency_code: currency,
            amount: demoAmount(item.price, currency),
          })),
        },
      ],
    })
    products[handle] = {
      productId: product.id,
      variantId: product.variants[0].id,
      sku: item.sku,
    }
  }
  return products
}

/** A market's region and taxes, its warehouse with stock, and its shipping option. */
async function seedMarket(
  admin: AdminApi,
  market: Market,
  context: { shop: DemoShop; registered: string[]; promoCode: string },
): Promise<DemoMarket> {
  const { shop } = context
  // the providers of the gateways selling here, and Medusa's manual one for trying things by hand
  const paymentProviders = context.registered.filter(
    (id) =>
      id === "pp_system_default" ||
      descriptorOfProvider(id)?.capabilities.markets.some((m) => m.country === market.country),
  )
  const { region } = await admin.post("/admin/regions", {
    name: market.name,
    currency_code: market.currency,
    countries: [market.country],
    payment_providers: paymentProviders,
    automatic_taxes: true,
    is_tax_inclusive: !!market.pricesIncludeTax,
  })
  if (market.pricesIncludeTax) {
    // the products' and the shipping's prices have a currency and no region: Medusa takes their
    // tax inclusion from the currency's preference, not the region's
    const { price_preferences: existing } = await admin.get(
      `/admin/price-preferences?attribute=currency_code&value=${market.currency}`,
    )
    const preference = { is_tax_inclusive: true }
    if (existing.length) {
      await admin.post(`/admin/price-preferences/${existing[0].id}`, preference)
    } else {
      await admin.post("/admin/price-preferences", {
        attribute: "currency_code",
        value: market.currency,
        ...preference,
      })
    }
  }
  const { tax_region } = await admin.post("/admin/tax-regions", {
    country_code: market.country,
    provider_id: "tp_system",
    default_tax_rate: market.tax,
  })
  if (market.bookTax) {
    await admin.post("/admin/tax-rates", {
      tax_region_id: tax_region.id,
      ...market.bookTax,
      rules: [{ reference: "product", reference_id: shop.products.book.productId }],
    })
  }

  const { stock_location: location } = await admin.post("/admin/stock-locations", {
    name: `Warehouse ${market.warehouse}`,
    address: {
      address_1: market.address.address_1,
      city: market.address.city,
      postal_code: market.address.postal_code,
      country_code: market.country,
    },
  })
  await admin.post(`/admin/stock-locations/${location.id}/sales-channels`, {
    add: [shop.salesChannelId],
  })
  await admin.post(`/admin/stock-locations/${location.id}/fulfillment-providers`, {
    add: ["manual_manual"],
  })
  await stockUp(admin, shop, location.id)
  const { stock_location: withSet } = await admin.post(
    `/admin/stock-locations/${location.id}/fulfillment-sets?fields=id,fulfillment_sets.id`,
    { name: `Warehouse ${market.warehouse} shipping`, type: "shipping" },
  )
  const { fulfillment_set } = await admin.post(
    `/admin/fulfillment-sets/${withSet.fulfillment_sets[0].id}/service-zones?fields=id,service_zones.id`,
    { name: market.name, geo_zones: [{ type: "country", country_code: market.country }] },
  )
  const { shipping_option } = await admin.post("/admin/shipping-options", {
    name: DEMO_SHIPPING.name,
    service_zone_id: fulfillment_set.service_zones[0].id,
    shipping_profile_id: shop.shippingProfileId,
    provider_id: "manual_manual",
    price_type: "flat",
    type: { label: DEMO_SHIPPING.name, description: "Delivered in 1-3 days", code: "standard" },
    prices: [
      { currency_code: market.currency, amount: demoAmount(DEMO_SHIPPING.price, market.currency) },
    ],
    rules: [
      { attribute: "enabled_in_store", value: "true", operator: "eq" },
      { attribute: "is_return", value: "false", operator: "eq" },
    ],
  })
  return {
    name: market.name,
    country: market.country,
    currency: market.currency,
    regionId: region.id,
    stockLocationId: location.id,
    shippingOptionId: shipping_option.id,
    promoCode: context.promoCode,
    paymentProviders,
    address: market.address,
  }
}

/** DEMO_STOCK units of every product in the warehouse. */
async function stockUp(admin: AdminApi, shop: DemoShop, locationId: string) {
  const skus = Object.values(shop.products).map((p) => p.sku)
  const { inventory_items } = await admin.get(
    `/admin/inventory-items?limit=100&fields=id,sku&${skus.map((s) => `sku[]=${encodeURIComponent(s)}`).join("&")}`,
  )
  for (const item of inventory_items) {
    await admin.post(`/admin/inventory-items/${item.id}/location-levels`, {
      location_id: locationId,
      stocked_quantity: DEMO_STOCK,
    })
  }
}

async function createPromotion(
  admin: AdminApi,
  code: string,
  currency: string,
  bookProductId: string,
) {
  await admin.post("/admin/promotions", {
    code,
    type: "standard",
    status: "active",
    is_automatic: false,
    application_method: {
      type: "fixed",
      target_type: "items",
      allocation: "across",
      value: demoAmount(DEMO_PROMOTION_VALUE, currency),
      currency_code: currency,
      target_rules: [{ attribute: "items.product_id", operator: "eq", values: [bookProductId] }],
    },
  })
}

/** Whether the store has neither products nor orders: the only store the demo is seeded into. */
export async function isEmptyStore(store: StoreConnection): Promise<boolean> {
  const admin = adminApi(store)
  const [{ count: products }, { count: orders }] = await Promise.all([
    admin.get("/admin/products?limit=1&fields=id"),
    admin.get("/admin/orders?limit=1&fields=id"),
  ])
  return products === 0 && orders === 0
}

/** The publishable key a storefront uses: the demo shop's, else the store's first one. */
export async function storefrontKey(store: StoreConnection): Promise<string | null> {
  const shop = await loadDemoShop(store)
  if (shop) return shop.publishableKey
  const { api_keys } = await adminApi(store).get(
    "/admin/api-keys?type=publishable&limit=1&fields=id,token,revoked_at",
  )
  return api_keys?.find((k: any) => !k.revoked_at)?.token ?? null
}
