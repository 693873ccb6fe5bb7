import { FAULT_KINDS, Faults, pathMatches } from "../faults"

describe("pathMatches", () => {
  it.each([
    ["/refunds", "/v1/json/orders/o1/refunds", true],
    ["/api/orders/o1", "/api/orders/o1/refund", true],
    ["/api/orders/o1", "/api/orders/o10", false],
    ["/api/orders/o1/", "/api/orders/o1", true],
    ["/orders/o1", "/v1/json/orders/o1", true],
    ["/orders/o1", "/v1/json/orders/o12/refunds", false],
    ["/", "/anything/at/all", true],
    ["/refund", "/api/orders/o1/refunds", false],
  ])("%s against %s: %s", (pattern, path, expected) => {
    expect(pathMatches(pattern, path)).toBe(expected)
  })

  it("tests a regular expression against the path with its query", () => {
    expect(pathMatches(/orders\/o1$/, "/v1/json/orders/o1")).toBe(true)
    expect(pathMatches(/api_key=/, "/v1/json/orders/o1", "?api_key=x")).toBe(true)
    const sticky = /o1/g
    expect(pathMatches(sticky, "/o1")).toBe(true)
    expect(pathMatches(sticky, "/o1")).toBe(true) // lastIndex does not leak between requests
  })
})

describe("Faults", () => {
  it("applies a fault to `times` matching requests, by method, then is gone", () => {
    const faults = new Faults()
    faults.add({ method: "post", path: "/refunds", kind: "http_500", times: 2 })
    expect(faults.take("GET", "/orders/o1/refunds")).toBeNull()
    expect(faults.take("POST", "/orders/o1/refunds")?.kind).toBe("http_500")
    expect(faults.take("POST", "/orders/o1/refunds")?.kind).toBe("http_500")
    expect(faults.take("POST", "/orders/o1/refunds")).toBeNull()
  })

  it("lets `skip` matching requests through first, and the first match decides", () => {
    const faults = new Faults()
    faults.add({ path: "/orders/o1", kind: "http_503", skip: 1 })
    faults.add({ path: "/orders", kind: "timeout" })
    expect(faults.take("GET", "/orders/o1")).toBeNull() // skipped by the first fault
    expect(faults.take("GET", "/orders/o1")?.kind).toBe("http_503")
    expect(faults.take("GET", "/orders/o1")?.kind).toBe("timeout")
  })

  it("clear() disarms everything", () => {
    const faults = new Faults()
    faults.add({ path: "/", kind: "lost_response", times: 5 })
    faults.clear()
    expect(faults.take("POST", "/x")).toBeNull()
  })

  it("refuses bad specs with the reason", () => {
    const faults = new Faults()
    expect(() => faults.add({ path: "refunds", kind: "http_500" })).toThrow(/path/)
    expect(() => faults.add({ path: "/", kind: "status_500" as "http_500" })).toThrow(
      /Unknown fault kind "status_500"; one of http_500/,
    )
    expect(() => faults.add({ path: "/", kind: "http_500", times: 0 })).toThrow(/times/)
    expect(() => faults.add({ path: "/", kind: "http_500", skip: -1 })).toThrow(/skip/)
    expect(() => faults.add({ path: "/", kind: "timeout", holdMs: -5 })).toThrow(/holdMs/)
  })

  it("has one vocabulary", () => {
    expect(FAULT_KINDS).toEqual([
      "http_500",
      "http_503",
      "http_429",
      "http_401",
      "timeout",
      "connection_reset",
      "lost_response",
      "error_after_processing",
      "malformed",
    ])
  })
})
