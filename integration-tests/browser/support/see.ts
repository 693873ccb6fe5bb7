import { Locator } from "playwright-core"

/**
 * Assertions on what a person sees, retried until they hold or `timeoutMs` passes (the admin
 * refetches after a refund; nothing here reloads the page). The last failure is what is thrown,
 * so the message says what the screen showed instead.
 */
export async function eventually(check: () => Promise<void>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      await check()
      return
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }
}

export const see = {
  /** visible, and its text contains `text` */
  text: (locator: Locator, text: string | RegExp, timeoutMs?: number) =>
    eventually(async () => {
      const shown = await visibleText(locator)
      if (typeof text === "string" ? !shown.includes(text) : !text.test(shown)) {
        throw new Error(
          `expected ${locator} to show ${JSON.stringify(String(text))}; it shows:\n${shown}`,
        )
      }
    }, timeoutMs),
  noText: (locator: Locator, text: string | RegExp, timeoutMs?: number) =>
    eventually(async () => {
      const shown = await visibleText(locator)
      if (typeof text === "string" ? shown.includes(text) : text.test(shown)) {
        throw new Error(
          `expected ${locator} not to show ${JSON.stringify(String(text))}; it shows:\n${shown}`,
        )
      }
    }, timeoutMs),
  /** the whole text of the element, trimmed */
  exactly: (locator: Locator, text: string, timeoutMs?: number) =>
    eventually(async () => {
      const shown = (await visibleText(locator)).trim()
      if (shown !== text)
        throw new Error(
          `expected ${locator} to read ${JSON.stringify(text)}; it reads ${JSON.stringify(shown)}`,
        )
    }, timeoutMs),
  visible: (locator: Locator, timeoutMs = 30_000) =>
    locator.first().waitFor({ state: "visible", timeout: timeoutMs }),
  hidden: (locator: Locator, timeoutMs = 30_000) =>
    locator.first().waitFor({ state: "hidden", timeout: timeoutMs }),
  count: (locator: Locator, count: number, timeoutMs?: number) =>
    eventually(async () => {
      const found = await locator.count()
      if (found !== count) throw new Error(`expected ${count} of ${locator}, found ${found}`)
    }, timeoutMs),
  value: (locator: Locator, value: string, timeoutMs?: number) =>
    eventually(async () => {
      const found = await locator.inputValue()
      if (found !== value)
        throw new Error(
          `expected ${locator} to hold ${JSON.stringify(value)}, it holds ${JSON.stringify(found)}`,
        )
    }, timeoutMs),
}

async function visibleText(locator: Locator): Promise<string> {
  const first = locator.first()
  await first.waitFor({ state: "visible", timeout: 5_000 })
  return first.innerText()
}
