import { GatewayHttpClient } from "../../../gateway-kit"
import { readOpttyError, GATEWAY } from "./read-error"
import { tokenResponse } from "./schemas"

/** Refresh this long before Optty's expiry, so a token never expires in flight. */
const EARLY_REFRESH_MS = 60_000

/**
 * Optty access tokens (client credentials, scope `api-user`), cached until shortly before they
 * expire and fetched once for all concurrent callers. The secret goes only into the form body
 * of the token call; neither it nor a token ever reaches a log or an error.
 */
export class OpttyTokenSource {
  private readonly http: GatewayHttpClient
  private current: { token: string; refreshAt: number } | null = null
  private inFlight: Promise<string> | null = null

  constructor(
    private readonly options: {
      authUrl: string
      clientId: string
      clientSecret: string
      timeoutMs: number
      now?: () => number
    },
  ) {
    this.http = new GatewayHttpClient({
      gateway: GATEWAY,
      baseUrl: options.authUrl,
      timeoutMs: options.timeoutMs,
      headers: () => ({}),
      readError: (status, body) => {
        const error = readOpttyError(status, body)
        if (error?.kind === "auth") {
          error.message = `the client id or secret was refused (${error.message})`
        }
        return error
      },
    })
  }

  async token(): Promise<string> {
    const now = this.now()
    if (this.current && now < this.current.refreshAt) return this.current.token
    this.inFlight ??= this.fetch().finally(() => {
      this.inFlight = null
    })
    return this.inFlight
  }

  /** Drops `token` after Optty refused it; a newer token fetched meanwhile is kept. */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = null
  }

  async close(): Promise<void> {
    await this.http.close()
  }

  private async fetch(): Promise<string> {
    const answer = await this.http.call({
      method: "POST",
      // Optty's docs put `expires_in=1` on the token URL; the token's life comes back in the body
      path: "token?expires_in=1",
      form: {
        client_id: this.options.clientId,
        client_secret: this.options.clientSecret,
        grant_type: "client_credentials",
        scope: "api-user",
      },
      // a token request moves no money: repeating it after a timeout is harmless
      safeToRepeat: true,
      schema: tokenResponse,
    })
    const lifeMs = answer.expires_in * 1000
    this.current = {
      token: answer.access_token,
      refreshAt: this.now() + Math.max(lifeMs - EARLY_REFRESH_MS, lifeMs / 2),
    }
    return answer.access_token
  }

  private now(): number {
    return this.options.now ? this.options.now() : Date.now()
  }
}
