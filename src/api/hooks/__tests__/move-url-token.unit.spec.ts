import { moveUrlToken, URL_TOKEN_HEADER } from "../move-url-token"

function hook(url: string, headers: Record<string, string> = {}) {
  const query = Object.fromEntries(new URL(url, "http://x").searchParams)
  const req = { url, originalUrl: url, query, headers: { ...headers } } as any
  let nexts = 0
  moveUrlToken(req, {} as any, () => {
    nexts += 1
  })
  return { req, nexts }
}

describe("moveUrlToken", () => {
  it("moves ?token= into the header and out of the URL Medusa logs, keeping other parameters", () => {
    const { req, nexts } = hook("/hooks/payment/worldline_worldline?a=1&token=s3cret&b=2")
    expect(nexts).toBe(1)
    expect(req.headers[URL_TOKEN_HEADER]).toBe("s3cret")
    expect(req.url).toBe("/hooks/payment/worldline_worldline?a=1&b=2")
    expect(req.originalUrl).toBe("/hooks/payment/worldline_worldline?a=1&b=2")
    expect(req.query).toEqual({ a: "1", b: "2" })
  })

  it("drops a token header the caller sent itself: only the URL can carry it", () => {
    const { req } = hook("/hooks/payment/worldline_worldline", { [URL_TOKEN_HEADER]: "guess" })
    expect(req.headers[URL_TOKEN_HEADER]).toBeUndefined()
    expect(req.url).toBe("/hooks/payment/worldline_worldline")
  })

  it("leaves the URL as it is when there is no token", () => {
    const { req } = hook("/hooks/payment/optty_optty?x=1")
    expect(req.url).toBe("/hooks/payment/optty_optty?x=1")
    expect(req.headers[URL_TOKEN_HEADER]).toBeUndefined()
  })
})
