/**
 * The one secret scrubber behind every sandbox's request log: what tests, the dev store and
 * their logs can read must never hold a credential. Three rules, applied everywhere (headers,
 * query, body fields):
 * - a field or header whose name says it is a secret loses its value;
 * - an authorization header keeps only its scheme ("Bearer [REDACTED]");
 * - any configured secret is cut out of every string it appears in, even where a careless
 *   client put it (a description, a note, a key).
 */
export const REDACTED = "[REDACTED]"

/** Names (lower case) whose values are credentials in the gateways we double. */
const SECRET_NAMES: ReadonlySet<string> = new Set([
  "api_key",
  "x-api-key",
  "apikey",
  "client_secret",
  "access_token",
  "refresh_token",
  "password",
  "cookie",
  "set-cookie",
  "assertion",
  // a secret in a webhook URL's query (Worldline's notification URL token)
  "token",
])

export function isSecretName(name: string): boolean {
  return SECRET_NAMES.has(name.toLowerCase())
}

function redactAuthorization(value: string): string {
  const space = value.indexOf(" ")
  return space > 0 ? `${value.slice(0, space)} ${REDACTED}` : REDACTED
}

export class SecretScrubber {
  private readonly secrets: readonly string[]

  /** Empty secrets are ignored: cutting "" out would change nothing but cost a lot. */
  constructor(secrets: readonly string[]) {
    this.secrets = secrets.filter((secret) => secret !== "")
  }

  text(value: string): string {
    return this.secrets.reduce((out, secret) => out.split(secret).join(REDACTED), value)
  }

  /**
   * A URL as it may be shown: secret-named query parameters redacted (`?token=[REDACTED]`),
   * configured secrets cut out. Text that is no URL is scrubbed as text.
   */
  url(value: string): string {
    let url: URL
    try {
      url = new URL(value)
    } catch {
      return this.text(value)
    }
    for (const name of [...url.searchParams.keys()]) {
      if (isSecretName(name)) url.searchParams.set(name, REDACTED)
    }
    return this.text(url.toString())
  }

  /** Deep copy: secret-named fields redacted, configured secrets cut out of keys and strings. */
  value(value: unknown): unknown {
    if (typeof value === "string") return this.text(value)
    if (Array.isArray(value)) return value.map((item) => this.value(item))
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [
          this.text(key),
          isSecretName(key) ? REDACTED : this.value(item),
        ]),
      )
    }
    return value
  }

  fields(fields: Record<string, string>): Record<string, string> {
    return this.value(fields) as Record<string, string>
  }

  headers(headers: Record<string, string | string[] | undefined>): Record<string, string> {
    const out: Record<string, string> = {}
    for (const [name, raw] of Object.entries(headers)) {
      if (raw === undefined) continue
      const value = Array.isArray(raw) ? raw.join(", ") : raw
      out[name] =
        name === "authorization"
          ? redactAuthorization(value)
          : isSecretName(name)
            ? REDACTED
            : this.text(value)
    }
    return out
  }
}
