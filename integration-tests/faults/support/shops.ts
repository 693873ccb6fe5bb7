import { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { seedStorefront, Storefront, StorefrontOptions } from "../../support/storefront-seed"

/**
 * The shops of a faults suite file, one per gateway, in one database: each seeded with the
 * integration suites' `seedStorefront` (its own region, market, sales channel and key), and the
 * names a database keeps unique (product handles, SKUs, the shipping profile, the promotion code)
 * given the gateway's tag before the next shop is seeded with the same ones.
 */
export async function seedShops(
  container: MedusaContainer,
  shops: Array<{ tag: string; options: StorefrontOptions }>,
): Promise<Storefront[]> {
  const seeded: Storefront[] = []
  for (const { tag, options } of shops) {
    const store = await seedStorefront(container, options)
    seeded.push(await retag(container, store, tag.toLowerCase()))
  }
  return seeded
}

async function retag(
  container: MedusaContainer,
  store: Storefront,
  tag: string,
): Promise<Storefront> {
  const products = container.resolve(Modules.PRODUCT)
  for (const [name, productId] of Object.entries(store.products)) {
    await products.updateProducts(productId, { handle: `${name}-${tag}` })
    const variantId = store.variants[name as keyof Storefront["variants"]]
    await products.updateProductVariants(variantId, { sku: `${name.toUpperCase()}-1-${tag}` })
  }
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const profiles = await fulfillment.listShippingProfiles({ name: "Web shop parcels" })
  for (const profile of profiles) {
    await fulfillment.updateShippingProfiles(profile.id, { name: `Web shop parcels ${tag}` })
  }
  const promotions = container.resolve(Modules.PROMOTION)
  const [promotion] = await promotions.listPromotions({ code: store.promoCode })
  const promoCode = `${store.promoCode}-${tag}`.toUpperCase()
  if (promotion) await promotions.updatePromotions({ id: promotion.id, code: promoCode })
  return promotion ? { ...store, promoCode } : store
}
