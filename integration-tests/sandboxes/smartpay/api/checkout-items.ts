/**
 * A checkout session's `items` and `shippingInfo` (docs/gateways/smartpay.md#checkout-session-request):
 * each item is one order line with a `li_…` id; `amount` is the unit price in yen, `quantity`
 * ≥ 1; a discount is a `kind: "discount"` line with a positive amount that is subtracted (the
 * Node SDK's rule). The total check — amount = Σ(unit × quantity, discounts subtracted) +
 * shipping fee — is undocumented, so it is the option `checkItemsSum`.
 */
import { invalid } from "../errors"
import { sumYen, type Yen } from "../money/yen"
import type { ItemKind } from "../sandbox-types"
import { newId } from "../state/ids"
import type { StoredLineItem } from "../state/model"
import type { SandboxConfig } from "../state/sandbox-state"
import {
  isRecord,
  metadataOf,
  optionalCurrency,
  optionalString,
  requiredString,
  yenOf,
  type Body,
} from "./validation"

const KINDS: readonly ItemKind[] = ["product", "discount", "tax"]

function itemOf(raw: unknown, index: number, config: SandboxConfig): StoredLineItem {
  const path = `items[${index}]`
  if (!isRecord(raw)) throw invalid(`${path} must be an object`)
  const kind = (raw.kind ?? "product") as ItemKind
  if (!KINDS.includes(kind)) throw invalid(`${path}.kind must be one of ${KINDS.join(", ")}`)
  const quantity = raw.quantity ?? 1
  if (typeof quantity !== "number" || !Number.isSafeInteger(quantity) || quantity < 1) {
    throw invalid(`${path}.quantity must be a positive integer`)
  }
  const negativeDiscount =
    kind === "discount" &&
    config.negativeDiscounts &&
    typeof raw.amount === "number" &&
    raw.amount < 0
  const unitAmount = negativeDiscount
    ? -yenOf(-(raw.amount as number), `${path}.amount`)
    : yenOf(raw.amount, `${path}.amount`, true)
  optionalCurrency(raw, "currency", `${path}.currency`)
  const text = (field: string) => optionalString(raw, field, {}, `${path}.${field}`)
  return {
    id: newId("li"),
    priceId: newId("price"),
    productId: newId("product"),
    kind,
    name: requiredString(raw, "name", `${path}.name`),
    unitAmount,
    quantity,
    brand: text("brand"),
    reference: text("reference"),
    url: text("url"),
    label: text("label"),
    description: text("description"),
    productDescription: text("productDescription"),
    priceDescription: text("priceDescription"),
    metadata: metadataOf(raw, "metadata", `${path}.metadata`),
    productMetadata: metadataOf(raw, "productMetadata", `${path}.productMetadata`),
    priceMetadata: metadataOf(raw, "priceMetadata", `${path}.priceMetadata`),
  }
}

export function itemsOf(body: Body, config: SandboxConfig): StoredLineItem[] {
  const raw = body.items
  if (!Array.isArray(raw) || raw.length === 0) {
    throw invalid("items must be a non-empty array", ["items is required"])
  }
  return raw.map((item, index) => itemOf(item, index, config))
}

export function shippingInfoOf(body: Body): { info: Body | null; feeYen: Yen } {
  const raw = body.shippingInfo
  if (raw === undefined || raw === null) return { info: null, feeYen: 0 }
  if (!isRecord(raw)) throw invalid("shippingInfo must be an object")
  const feeYen =
    raw.feeAmount === undefined ? 0 : yenOf(raw.feeAmount, "shippingInfo.feeAmount", true)
  optionalCurrency(raw, "feeCurrency", "shippingInfo.feeCurrency")
  return { info: raw, feeYen }
}

/** Σ(unit × quantity) with discounts subtracted, plus the shipping fee. */
export function itemsTotal(items: readonly StoredLineItem[], feeYen: Yen): Yen {
  return sumYen([
    ...items.map((item) => {
      const line = Math.abs(item.unitAmount) * item.quantity
      return item.kind === "discount" ? -line : line
    }),
    feeYen,
  ])
}
