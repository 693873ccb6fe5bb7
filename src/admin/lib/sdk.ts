import Medusa from "@medusajs/js-sdk"

/**
 * The JS SDK client the plugin's admin screens call the backend with, configured as Medusa
 * documents for admin customizations: same origin unless VITE_BACKEND_URL says otherwise, and
 * the dashboard's session cookie for authentication.
 */
export const sdk = new Medusa({
  baseUrl: import.meta.env.VITE_BACKEND_URL || "/",
  auth: { type: "session" },
})
