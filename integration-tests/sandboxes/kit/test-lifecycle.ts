/**
 * One sandbox for a whole test file: started before its tests, stopped after, and reset (with
 * notifications off, so only what a test does happens) before each test. Starting once per
 * file keeps the unit suites fast; resetting keeps the tests independent.
 */

interface Resettable {
  sandbox: {
    control: { reset(): void; setAutoNotify(enabled: boolean): void }
    close(): Promise<void>
  }
}

/**
 * Registers the Jest hooks and returns a stand-in that reads the running sandbox's helpers,
 * so tests can hold it at the top level, before the sandbox exists. `eachTest` runs after the
 * reset (e.g. to forget a cached token).
 */
export function useSandboxForFile<T extends Resettable>(
  start: () => Promise<T>,
  eachTest: (running: T) => void = () => undefined,
): T {
  let running: T | undefined
  const current = (): T => {
    if (!running) throw new Error("the sandbox is not running (used outside a test?)")
    return running
  }
  beforeAll(async () => {
    running = await start()
  })
  afterAll(() => running?.sandbox.close())
  beforeEach(() => {
    current().sandbox.control.reset()
    current().sandbox.control.setAutoNotify(false)
    eachTest(current())
  })
  return new Proxy({} as T, {
    get: (_target, property) => {
      const value: unknown = Reflect.get(current(), property)
      return typeof value === "function" ? value.bind(current()) : value
    },
  })
}
