import { descriptorOfProvider } from "./descriptors"

/**
 * Whether a payment provider cannot take a payment without the cart's lines (its gateway's
 * descriptor says so). Every session gets the checkout cart when it can be built; for these
 * providers a cart that cannot be built (store credit, gift cards) fails the session instead.
 */
export function providerRequiresCheckoutCart(providerId: string | null | undefined): boolean {
  return descriptorOfProvider(providerId)?.capabilities.needsCheckoutCart ?? false
}

/** Whether a provider's capture always takes the whole payment, so a partial one is refused. */
export function providerCapturesInFullOnly(providerId: string | null | undefined): boolean {
  return descriptorOfProvider(providerId)?.capabilities.fullCaptureOnly ?? false
}
