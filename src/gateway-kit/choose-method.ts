import { MedusaError } from "@medusajs/framework/utils"

export interface MethodRule {
  /** the provider instance's fixed method (an option): always wins */
  fixed?: string | null
  /** the methods a storefront may ask for (an option); any well-formed code when unset */
  allowed?: readonly string[] | null
  /** what a method code looks like at this gateway */
  pattern: RegExp
  /** how staff and developers call it: "MultiSafepay gateway", "Optty BNPL provider" */
  label: string
  /**
   * When nothing is fixed or asked: null lets the gateway's own page choose; a text makes a
   * method required, and is the error the storefront gets.
   */
  whenNoneAsked: null | string
}

/**
 * The payment method for a new session: the instance's fixed method, else the storefront's
 * request (upper-cased) when it is well-formed and allowed. Anything else is refused before the
 * gateway is called, so a storefront cannot pick a method the store does not offer.
 */
export function chooseMethod(requested: unknown, rule: MethodRule): string | null {
  if (rule.fixed) return rule.fixed
  if (requested == null || requested === "") {
    if (rule.whenNoneAsked === null) return null
    throw new MedusaError(MedusaError.Types.INVALID_DATA, rule.whenNoneAsked)
  }
  const code = typeof requested === "string" ? requested.toUpperCase() : ""
  if (!rule.pattern.test(code) || (rule.allowed && !rule.allowed.includes(code))) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `${rule.label} "${String(requested)}" is not offered`,
    )
  }
  return code
}
