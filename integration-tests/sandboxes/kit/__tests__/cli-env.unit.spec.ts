import { SandboxClock } from "../clock"
import { envChoice, envList, envPort, envText } from "../cli"

const saved = { ...process.env }
afterEach(() => {
  process.env = { ...saved }
})

describe("the CLI runner's environment parsing", () => {
  it("reads a port, with its default, and refuses what is not one", () => {
    delete process.env.KIT_TEST_PORT
    expect(envPort("KIT_TEST_PORT", 4010)).toBe(4010)
    process.env.KIT_TEST_PORT = "4711"
    expect(envPort("KIT_TEST_PORT", 4010)).toBe(4711)
    process.env.KIT_TEST_PORT = "70000"
    expect(() => envPort("KIT_TEST_PORT", 4010)).toThrow("KIT_TEST_PORT is not a port: 70000")
  })

  it("treats an empty value as unset", () => {
    process.env.KIT_TEST_TEXT = ""
    expect(envText("KIT_TEST_TEXT", "fallback")).toBe("fallback")
    expect(envChoice("KIT_TEST_TEXT", ["a", "b"])).toBeUndefined()
    expect(envList("KIT_TEST_TEXT")).toEqual([])
  })

  it("splits lists and names the choices, never the (possibly secret) value", () => {
    process.env.KIT_TEST_LIST = " KLARNA, ,IN3 "
    expect(envList("KIT_TEST_LIST")).toEqual(["KLARNA", "IN3"])
    process.env.KIT_TEST_CHOICE = "hunter2"
    expect(() => envChoice("KIT_TEST_CHOICE", ["reserved", "completed"])).toThrow(
      'KIT_TEST_CHOICE must be one of "reserved", "completed"',
    )
    try {
      envChoice("KIT_TEST_CHOICE", ["reserved"])
    } catch (error) {
      expect(String(error)).not.toContain("hunter2")
    }
  })
})

describe("SandboxClock", () => {
  it("adds milliseconds to the base clock, only forward, and resets", () => {
    const clock = new SandboxClock(() => new Date("2026-01-01T00:00:00.000Z"))
    expect(clock.advance(1_500).toISOString()).toBe("2026-01-01T00:00:01.500Z")
    expect(clock.nowIso()).toBe("2026-01-01T00:00:01.500Z")
    expect(() => clock.advance(-1)).toThrow(/advanceMs/)
    clock.reset()
    expect(clock.nowIso()).toBe("2026-01-01T00:00:00.000Z")
  })
})
