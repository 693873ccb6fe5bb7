import type { Market } from "./descriptor"

/**
 * Markets more than one gateway sells in, written once: the test shops and the dev store key
 * markets by country, so two descriptors naming Japan must describe the same Japan.
 */
export const JAPAN: Market = {
  name: "Japan",
  currency: "jpy",
  country: "jp",
  tax: { rate: 10, code: "JP10", name: "JP consumption tax" },
  bookTax: { rate: 8, code: "JP8", name: "JP reduced rate (food)" },
  warehouse: "Tokyo",
  // Japanese shelf prices include consumption tax, so totals stay in whole yen
  pricesIncludeTax: true,
  address: {
    first_name: "Yui",
    last_name: "Sato",
    phone: "+81312345678",
    address_1: "1-1 Marunouchi",
    city: "Chiyoda-ku",
    province: "Tokyo",
    postal_code: "100-0005",
    country_code: "jp",
  },
}
