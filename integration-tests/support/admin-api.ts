import { MedusaContainer } from "@medusajs/framework/types"
import { generateJwtToken, Modules } from "@medusajs/framework/utils"

/** An admin user and the headers the admin dashboard would send for it. */
export async function adminHeaders(container: MedusaContainer) {
  const user = await container
    .resolve(Modules.USER)
    .createUsers({ email: "admin@line-refunds.test" })
  const identity = await container.resolve(Modules.AUTH).createAuthIdentities({
    provider_identities: [{ provider: "emailpass", entity_id: user.email }],
    app_metadata: { user_id: user.id },
  })
  const token = generateJwtToken(
    {
      actor_id: user.id,
      actor_type: "user",
      auth_identity_id: identity.id,
      app_metadata: { user_id: user.id },
    },
    // medusa-config.ts falls back to this secret when JWT_SECRET is unset, as in tests
    { secret: process.env.JWT_SECRET || "supersecret", expiresIn: "1d" },
  )
  return { headers: { authorization: `Bearer ${token}` } }
}
