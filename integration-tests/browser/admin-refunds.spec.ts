import { Browser, Locator, Page } from "playwright-core"
import { createDemoOrder, DemoOrder } from "../dev/demo-orders"
import { listDemoOrders } from "../dev/demo-store"
import { adminLogin } from "../dev/store-http"
import { formatAmount } from "../../src/admin/lib/format-amount"
import { gatewayDescriptors } from "../../src/gateway-kit/descriptors"
import { launchChromium, logIn, publishDocsScreenshots, screenshot } from "./support/admin-browser"
import { RunningDevStore, startDevStore } from "./support/running-dev-store"
import { see } from "./support/see"

jest.setTimeout(20 * 60_000)

const EMAIL = "admin@medusa-test.com"
const PASSWORD = "supersecret"

/**
 * What staff see in the real admin of a booted dev store (`npm run dev -- --reset`, demo shop
 * seeded), in Debian's Chromium: the plugin's widget on Medusa's order page and Medusa's own
 * Refund form, checked after each refund without reloading the page. Each test covers points of
 * issue 11's "Found" list, named in its title.
 */
describe("the admin's refund screens in a real browser", () => {
  let store: RunningDevStore
  let browser: Browser
  let page: Page
  let token: string

  beforeAll(async () => {
    store = await startDevStore({ database: "medusa_line_refunds_browser" })
    token = await adminLogin(store.backendUrl, EMAIL, PASSWORD)
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1440, height: 1100 } })
    page.setDefaultTimeout(60_000)
    page.setDefaultNavigationTimeout(120_000)
    await logIn(page, store.adminUrl, EMAIL, PASSWORD)
  })

  afterAll(async () => {
    publishDocsScreenshots()
    await browser?.close()
    await store?.stop()
  })

  const summaryOf = async (orderId: string) => {
    const response = await fetch(`${store.backendUrl}/admin/line-refunds/orders/${orderId}`, {
      headers: { authorization: `Bearer ${token}` },
    })
    return response.json()
  }
  const newOrder = (provider: string): Promise<DemoOrder> =>
    createDemoOrder({
      backendUrl: store.backendUrl,
      admin: { token },
      provider,
      state: "return_awaiting_refund",
      sandboxOrigin: sandboxOrigin(provider),
    })
  const sandboxOrigin = (provider: string) =>
    sandboxOriginOf(
      gatewayDescriptors().find((d) => provider.startsWith(`pp_${d.identifier}_`))!.identifier,
    )
  const sandboxOriginOf = (identifier: string) => {
    const gateway = gatewayDescriptors().find((d) => d.identifier === identifier)!
    return `http://127.0.0.1:${store.env[gateway.dev.sandbox.portVariable]}`
  }
  /** Medusa's Refund form, opened from its Payments section the way staff open it */
  const openStockRefundForm = async (order: DemoOrder) => {
    await page.goto(`${store.adminUrl}/orders/${order.orderId}/refund?paymentId=${order.paymentId}`)
    await see.visible(page.getByRole("dialog"), 60_000)
  }
  /** "€35.27": how Medusa's order page writes an amount (en locale, currency symbol) */
  const medusaMoney = (amount: string, currency: string) =>
    formatAmount(amount, currency).split(" ")[0].replace(/^/, currencySymbol(currency))

  const openOrder = async (orderId: string) => {
    await page.goto(`${store.adminUrl}/orders/${orderId}`)
    if (new URL(page.url()).pathname.endsWith("/login")) {
      // `medusa develop` restarted (a file of the project changed) and forgot the session
      await logIn(page, store.adminUrl, EMAIL, PASSWORD)
      await page.goto(`${store.adminUrl}/orders/${orderId}`)
    }
    try {
      await widget().waitFor({ timeout: 120_000 })
    } catch (error) {
      await screenshot(page, `no-widget-${orderId}`)
      throw new Error(
        `the order page of ${orderId} shows no refund widget (screenshot in .data/browser-artifacts); the dev store said:\n${store.output().slice(-4000)}`,
      )
    }
  }
  const widget = (): Locator => page.getByTestId("line-refunds-widget")
  /** Medusa's own "Outstanding amount" in the order summary */
  const outstanding = () =>
    page.getByText("Outstanding amount", { exact: true }).locator("xpath=following-sibling::*[1]")

  it("nothing to look at: the dev store starts with demo orders of every gateway in every state", async () => {
    const listed = await listDemoOrders({ backendUrl: store.backendUrl, admin: { token } })
    for (const gateway of gatewayDescriptors()) {
      const states = listed
        .filter((o) => o.demo_gateway === gateway.identifier)
        .map((o) => o.demo_state)
      expect(new Set(states)).toEqual(
        new Set(["return_awaiting_refund", "refund_pending", "refund_failed", "dashboard_refund"]),
      )
    }
    await page.goto(`${store.adminUrl}/orders`)
    for (const order of listed) {
      await see.visible(page.getByText(`#${order.displayId}`, { exact: true }))
    }
    await screenshot(page, "orders-list", { docs: true })

    // a shopper who cancels at a sandbox's payment page lands on a page the dev store serves
    const shopper = await browser.newPage()
    const landed = await shopper.goto(`http://localhost:${store.env.DEV_STOREFRONT_PORT}/checkout`)
    expect(landed?.status()).toBe(200)
    await see.text(shopper.locator("body"), "Nothing was paid.")
    await shopper.close()

    // every sandbox's control page is a page of forms a person can use
    for (const gateway of gatewayDescriptors()) {
      const control = await browser.newPage()
      await control.goto(`${sandboxOriginOf(gateway.identifier)}/_control/`)
      await see.visible(control.locator("form"))
      await control.close()
    }
  })

  it("per-line amounts, shipping that changes the button, a confirmation, Medusa's return name, and every section fresh after a widget refund", async () => {
    const order = await newOrder("pp_multisafepay_klarna")
    const summary = await summaryOf(order.orderId)
    const [ret] = summary.returns
    const currency = summary.currency_code
    await openOrder(order.orderId)
    const card = page.getByTestId(`return-${ret.id}`)

    // Medusa's own name for the return, the one its activity shows
    const label = `#${ret.id.slice(-7)}`
    await see.text(card, `Return ${label}`)
    await see.visible(page.getByText(new RegExp(`Return ${label} (requested|received)`)))
    // per line: units and amounts to the minor unit
    for (const line of ret.lines) {
      await see.text(
        card.getByRole("row").filter({ hasText: line.title }),
        `${line.to_refund} · ${formatAmount(line.amount_to_refund, currency)}`,
      )
    }
    const linesOnly = formatAmount(ret.amount_to_refund, currency)
    const withShipping = formatAmount(ret.amount_to_refund_with_shipping, currency)
    expect(withShipping).not.toBe(linesOnly)
    await see.count(page.getByText(/^Refund € /), 1)
    const button = card.getByRole("button", { name: /^Refund / })
    await see.exactly(button, `Refund ${linesOnly}`)
    await card.getByLabel("Include shipping").click()
    await see.exactly(button, `Refund ${withShipping}`)
    await see.text(
      card.getByRole("row").filter({ hasText: "Shipping (" }),
      formatAmount(ret.shipping_to_refund[0].amount, currency),
    )
    await screenshot(widget(), "order-refund-widget", { docs: true })

    // one click does not send money: Medusa UI's prompt names the amount, lines and gateway
    await button.click()
    const dialog = page.getByRole("alertdialog")
    await see.text(dialog, `Refund ${withShipping}?`)
    await see.text(dialog, `MultiSafepay will pay back ${withShipping}`)
    for (const line of ret.lines) await see.text(dialog, line.title)
    await see.text(dialog, "Shipping (")
    await screenshot(page, "refund-confirmation", { docs: true })
    await dialog.getByRole("button", { name: "Cancel" }).click()
    await see.hidden(dialog)
    expect((await summaryOf(order.orderId)).refunds).toHaveLength(0)

    await button.click()
    await dialog.getByRole("button", { name: `Refund ${withShipping}` }).click()

    // no reload: the widget, Medusa's payment section and its summary all show the refund
    const row = page.getByTestId("refund-row").first()
    await see.text(row, withShipping)
    await see.text(row, "Shipping (")
    for (const line of ret.lines) await see.text(row, line.title)
    await see.count(card.getByRole("button", { name: /^Refund / }), 0)
    await see.noText(outstanding(), "-")
    // Medusa's own "Refund € …" button for the outstanding amount is gone too
    await see.count(page.getByText(/^Refund € /), 0)
    await see.visible(
      page.getByText(`- ${medusaMoney(ret.amount_to_refund_with_shipping, currency)}`),
    )
    await screenshot(widget(), "refund-history", { docs: true })
  })

  it("the stock Refund form: the widget says what its pre-filled amount refunds, and shows the refund without a reload", async () => {
    const order = await newOrder("pp_multisafepay_klarna")
    const summary = await summaryOf(order.orderId)
    const currency = summary.currency_code
    expect(summary.stock_refund.kind).toBe("lines")
    await openOrder(order.orderId)
    const hint = page.getByTestId("stock-refund-hint")
    const prefill = formatAmount(summary.stock_refund.amount, currency)
    await see.text(hint, `Medusa's Refund form pre-fills ${prefill}: that refunds`)
    for (const line of summary.stock_refund.lines) await see.text(hint, line.title)
    await see.text(hint, "Any other amount is refunded as an amount only")
    await screenshot(widget(), "stock-refund-hint", { docs: true })

    await openStockRefundForm(order)
    const drawer = page.getByRole("dialog")
    await see.value(drawer.getByRole("textbox").first(), prefill.split(" ")[0])
    await screenshot(page, "stock-refund-form")
    await drawer.getByRole("button", { name: "Save" }).click()
    await see.hidden(drawer, 60_000)

    const card = page.getByTestId(`return-${summary.returns[0].id}`)
    await see.count(card.getByRole("button", { name: /^Refund / }), 0)
    const row = page.getByTestId("refund-row").first()
    await see.text(row, "Medusa's Refund button")
    for (const line of summary.stock_refund.lines) await see.text(row, line.title)
    await see.noText(outstanding(), "-")
  })

  it("pending is not green and is explained; a failed refund shows the gateway's own reason", async () => {
    const listed = await listDemoOrders({ backendUrl: store.backendUrl, admin: { token } })
    const pending = listed.find(
      (o) => o.demo_gateway === "multisafepay" && o.demo_state === "refund_pending",
    )!
    await openOrder(pending.orderId)
    const pendingRow = page.getByTestId("refund-row").first()
    await see.text(pendingRow, "Pending")
    await see.noText(pendingRow, "Succeeded")
    await see.text(
      page.getByTestId("pending-explained"),
      "Pending means MultiSafepay accepted the refund and is still paying it out",
    )
    // the return's own badge: pending, never the green "Refunded"
    await see.exactly(widget().getByTestId("return-status"), "Refund pending")
    await screenshot(widget(), "refund-pending", { docs: true })

    const failed = listed.find(
      (o) => o.demo_gateway === "multisafepay" && o.demo_state === "refund_failed",
    )!
    const failedSummary = await summaryOf(failed.orderId)
    const reason = failedSummary.refunds.find((r: any) => r.status === "failed").failure_reason
    expect(reason).toMatch(/declined/)
    expect(reason).not.toBe("MultiSafepay refund declined")
    await openOrder(failed.orderId)
    await see.text(page.getByTestId("refund-row").first(), `MultiSafepay refused it: ${reason}`)
    await screenshot(widget(), "refund-failed", { docs: true })
  })

  it("Worldline: a return refunded through the widget is one refund at Worldline; a payout pending is explained; a declined one shows Worldline's reason", async () => {
    const order = await newOrder("pp_worldline_worldline")
    const summary = await summaryOf(order.orderId)
    const [ret] = summary.returns
    const amount = formatAmount(ret.amount_to_refund, summary.currency_code)
    await openOrder(order.orderId)
    const card = page.getByTestId(`return-${ret.id}`)
    await card.getByRole("button", { name: `Refund ${amount}` }).click()
    const dialog = page.getByRole("alertdialog")
    await see.text(dialog, `Worldline will pay back ${amount}`)
    for (const line of ret.lines) await see.text(dialog, line.title)
    await dialog.getByRole("button", { name: `Refund ${amount}` }).click()
    const row = page.getByTestId("refund-row").first()
    await see.text(row, amount)
    for (const line of ret.lines) await see.text(row, line.title)
    await see.text(row, "Succeeded")
    await see.noText(outstanding(), "-")
    await screenshot(widget(), "worldline-refund-history")
    // Worldline holds exactly one refund for it, of that amount, under the plan's key
    const [refund] = (await summaryOf(order.orderId)).refunds
    const held = await fetch(
      `${sandboxOriginOf("worldline")}/_control/orders/${encodeURIComponent(order.gatewayOrder)}/refunds`,
    ).then((response) => response.json())
    expect(held).toEqual([expect.objectContaining({ state: "Processed" })])
    expect(refund.gateway_reference).toBe(held[0].transactionId)

    const listed = await listDemoOrders({ backendUrl: store.backendUrl, admin: { token } })
    const pending = listed.find(
      (o) => o.demo_gateway === "worldline" && o.demo_state === "refund_pending",
    )!
    await openOrder(pending.orderId)
    await see.text(page.getByTestId("refund-row").first(), "Pending")
    await see.text(
      page.getByTestId("pending-explained"),
      "Pending means Worldline accepted the refund and is still paying it out",
    )
    const failed = listed.find(
      (o) => o.demo_gateway === "worldline" && o.demo_state === "refund_failed",
    )!
    await openOrder(failed.orderId)
    await see.text(
      page.getByTestId("refund-row").first(),
      "Worldline refused it: The issuing bank declined the credit (status code 20060)",
    )
    await screenshot(widget(), "worldline-refund-failed")
  })

  it("Smartpay: a return refunded through the widget in yen is one refund at Smartpay naming the returned lines; a failed one says Smartpay gave no reason", async () => {
    const order = await newOrder("pp_smartpay_smartpay")
    const summary = await summaryOf(order.orderId)
    expect(summary.currency_code).toBe("jpy")
    const [ret] = summary.returns
    const amount = formatAmount(ret.amount_to_refund, "jpy")
    expect(amount).toMatch(/^\d[\d,]* JPY$/) // whole yen, no decimals
    await openOrder(order.orderId)
    const card = page.getByTestId(`return-${ret.id}`)
    await card.getByRole("button", { name: `Refund ${amount}` }).click()
    const dialog = page.getByRole("alertdialog")
    await see.text(dialog, `Smartpay will pay back ${amount}`)
    await dialog.getByRole("button", { name: `Refund ${amount}` }).click()
    const row = page.getByTestId("refund-row").first()
    await see.text(row, amount)
    for (const line of ret.lines) await see.text(row, line.title)
    await see.text(row, "Succeeded")
    await see.noText(outstanding(), "-")
    await screenshot(widget(), "smartpay-refund-history")
    // Smartpay holds exactly one refund, of that many yen, naming one li_ id per returned line
    const held = await fetch(
      `${sandboxOriginOf("smartpay")}/_control/orders/${encodeURIComponent(order.gatewayOrder)}/refunds`,
    ).then((response) => response.json())
    expect(held).toHaveLength(1)
    expect(held[0]).toMatchObject({ status: "succeeded", amount: Number(ret.amount_to_refund) })
    expect(held[0].lineItems).toHaveLength(ret.lines.length)

    const listed = await listDemoOrders({ backendUrl: store.backendUrl, admin: { token } })
    const failed = listed.find(
      (o) => o.demo_gateway === "smartpay" && o.demo_state === "refund_failed",
    )!
    await openOrder(failed.orderId)
    await see.text(
      page.getByTestId("refund-row").first(),
      'Smartpay refused it: Smartpay marked the refund "failed" and gave no reason',
    )
    await screenshot(widget(), "smartpay-refund-failed")
  })

  it("refunds chosen items without a return, through the same confirmation, and says in plain words when a refund is refused", async () => {
    const order = await newOrder("pp_multisafepay_klarna")
    const summary = await summaryOf(order.orderId)
    const currency = summary.currency_code
    const item = summary.items.find((i: any) => i.refundable > 0)
    await openOrder(order.orderId)
    await widget().getByRole("button", { name: "Refund items without a return" }).click()
    await page.getByLabel(`Units of ${item.title} to refund`).fill("1")
    const amount = formatAmount(item.unit_amount, currency)
    const button = widget().getByRole("button", { name: `Refund ${amount}` })
    await see.visible(button)
    await button.click()
    const dialog = page.getByRole("alertdialog")
    await see.text(dialog, `1× ${item.title} (${amount})`)
    await dialog.getByRole("button", { name: `Refund ${amount}` }).click()
    await see.text(page.getByTestId("refund-row").first(), "Chosen items, no return")

    // Medusa's form with the same amount again at once: the toast speaks to staff
    await openStockRefundForm(order)
    const drawer = page.getByRole("dialog")
    await drawer.getByRole("textbox").first().fill(amount.split(" ")[0])
    await drawer.getByRole("button", { name: "Save" }).click()
    const toast = page.locator("[data-sonner-toast]").last()
    await see.visible(toast)
    const text = (await toast.innerText()).trim()
    // what happened in words, the gateway's refusal verbatim, no ids for engineers
    expect(text).toMatch(/^MultiSafepay refused the refund, so nothing was refunded: .+/)
    expect(text).not.toMatch(/pay_|ref_|lref_|lr_[0-9a-f]|Retry after/)
    await screenshot(page, "refusal-toast")
  })
})

function currencySymbol(currency: string): string {
  return (
    new Intl.NumberFormat("en", { style: "currency", currency: currency.toUpperCase() })
      .formatToParts(0)
      .find((part) => part.type === "currency")?.value ?? currency.toUpperCase()
  )
}
