import fs from "fs"
import path from "path"
import { Browser, chromium, Locator, Page } from "playwright-core"

const REPO_ROOT = path.resolve(__dirname, "../../..")
/**
 * Every run's screenshots, kept by CI as artifacts (git-ignored). Under .data/: Medusa's file
 * watcher ignores dot-folders, so writing them does not restart a running `medusa develop`.
 */
export const ARTIFACTS = path.join(REPO_ROOT, ".data/browser-artifacts")
/** The current ones the README shows, refreshed with UPDATE_DOCS_SCREENSHOTS=1. */
const DOCS = path.join(REPO_ROOT, "docs/screenshots")

/**
 * Debian's chromium (apt-get install -y chromium), never a downloaded browser; CHROMIUM_PATH
 * points elsewhere. --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium"
  if (!fs.existsSync(executablePath)) {
    throw new Error(
      `No Chromium at ${executablePath}. Install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    )
  }
  return chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-dev-shm-usage"] })
}

/** Logs in to Medusa's admin the way staff do, through its login form. */
export async function logIn(page: Page, adminUrl: string, email: string, password: string) {
  // `medusa develop` serves the admin through Vite, which compiles it on the first visit: minutes
  // on a busy 2-core machine, seconds afterwards
  await page.goto(`${adminUrl}/login`, { waitUntil: "domcontentloaded", timeout: 300_000 })
  await page.getByPlaceholder("Email").waitFor({ timeout: 300_000 })
  await page.getByPlaceholder("Email").fill(email)
  await page.getByPlaceholder("Password").fill(password)
  await page.getByRole("button", { name: "Continue with Email" }).click()
  await page.waitForURL((url) => !url.pathname.endsWith("/login"), { timeout: 60_000 })
}

/**
 * Saves a screenshot (of the page, or of one element such as the widget) as an artifact, and into
 * docs/ when asked to refresh the README's.
 */
export async function screenshot(
  target: Page | Locator,
  name: string,
  options: { docs?: boolean } = {},
) {
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  const file = path.join(ARTIFACTS, `${name}.png`)
  await target.screenshot({ path: file })
  if (options.docs) forDocs.add(name)
  return file
}

const forDocs = new Set<string>()

/**
 * With UPDATE_DOCS_SCREENSHOTS=1, copies the README's screenshots into docs/screenshots once the
 * suite is done: a file written into the repository mid-run would restart `medusa develop`.
 */
export function publishDocsScreenshots() {
  if (process.env.UPDATE_DOCS_SCREENSHOTS !== "1") return
  fs.mkdirSync(DOCS, { recursive: true })
  for (const name of forDocs) {
    fs.copyFileSync(path.join(ARTIFACTS, `${name}.png`), path.join(DOCS, `${name}.png`))
  }
}
