import { PaymentActions } from "@medusajs/framework/utils"
import { GatewayError, WebhookRejected } from "../../../gateway-kit"
import { notificationOrderIds, readNotification, tokenMatches } from "../webhooks/read-notification"
import { order, ORDER_ID, PAID_ONCE, tx } from "../__fixtures__/orders"
import { WorldlineOrder } from "../api/schemas"

const TOKEN = "sandbox-notification-token-000000000001"
const self = (id: string) => ({ rel: "self", href: `/v2/merchants/1570616552/orders/${id}` })

const payload = (data: unknown, headers: Record<string, string> = {}) =>
  ({ data, rawData: Buffer.from(JSON.stringify(data)), headers }) as never

describe("Worldline notifications", () => {
  it("take order ids from the self links, URL-decoded, else orderId; nothing else", () => {
    expect(
      notificationOrderIds({
        notifications: [
          { orderId: "ignored-when-linked", links: [self("payses_a%2D2")] },
          { orderId: "payses_b" },
          { links: [self("bad%20id")] },
          { orderId: "payses_b" },
        ],
      }),
    ).toEqual(["payses_a-2", "payses_b"])
    expect(notificationOrderIds("nonsense")).toEqual([])
  })

  it("compare the URL token in constant time, over digests of equal length", () => {
    expect(tokenMatches({ "x-line-refunds-url-token": TOKEN }, TOKEN)).toBe(true)
    expect(tokenMatches({ "x-line-refunds-url-token": `${TOKEN}x` }, TOKEN)).toBe(false)
    expect(tokenMatches({ "x-line-refunds-url-token": "short" }, TOKEN)).toBe(false)
    expect(tokenMatches({}, TOKEN)).toBe(false)
    expect(tokenMatches({}, undefined)).toBe(true)
  })

  it("a wrong token is rejected before any read", async () => {
    const readOrder = jest.fn()
    await expect(
      readNotification({
        readOrder,
        payload: payload(
          { notifications: [{ links: [self(ORDER_ID)] }] },
          {
            "x-line-refunds-url-token": "wrong-token-wrong-token-wrong",
          },
        ),
        notificationToken: TOKEN,
      }),
    ).rejects.toBeInstanceOf(WebhookRejected)
    expect(readOrder).not.toHaveBeenCalled()
  })

  it("report what the read says, never the body's forged fields", async () => {
    const read = order([
      tx("7000001", "Authorization", "Processed", 61.05),
      tx("7000002", "Capture", "Processed", 61.05),
      tx("7000003", "Credit", "Processed", 10, { requestId: "lr_x" }),
    ])
    const readOrder = jest.fn(
      async (id: string): Promise<WorldlineOrder> => ({ ...read, orderId: id }),
    )
    const forged = {
      notifications: [
        {
          orderId: ORDER_ID,
          orderState: "Refunded",
          refundedAmount: { amount: 61.05, currency: "EUR" },
          transactions: [tx("9", "Credit", "Processed", 61.05, { requestId: "lr_forged" })],
          links: [self(`${ORDER_ID}-2`)],
        },
      ],
    }
    const result = await readNotification({
      readOrder,
      payload: payload(forged, { "x-line-refunds-url-token": TOKEN }),
      notificationToken: TOKEN,
    })
    expect(readOrder).toHaveBeenCalledWith(`${ORDER_ID}-2`)
    expect(result.result).toEqual({ action: PaymentActions.NOT_SUPPORTED })
    const [report] = [result.refunds].flat()
    expect(report).toMatchObject({ session_id: ORDER_ID, payment_reference: `${ORDER_ID}-2` })
    expect(report!.refunds).toEqual([
      expect.objectContaining({
        gateway_reference: "7000003",
        amount: "10.00",
        idempotency_key: "lr_x",
      }),
    ])
  })

  it("a captured order becomes Medusa's captured action for the session", async () => {
    const result = await readNotification({
      readOrder: async () => PAID_ONCE(),
      payload: payload({ notifications: [{ orderId: ORDER_ID }] }),
    })
    expect(result.result).toEqual({
      action: PaymentActions.SUCCESSFUL,
      data: { session_id: ORDER_ID, amount: "61.05" },
    })
  })

  it("an order Worldline does not know changes nothing", async () => {
    const readOrder = async (): Promise<WorldlineOrder> => {
      throw new GatewayError("Worldline", "not_found", "unknown order")
    }
    await expect(
      readNotification({
        readOrder,
        payload: payload({ notifications: [{ orderId: "payses_zz" }] }),
      }),
    ).rejects.toBeInstanceOf(WebhookRejected)
  })
})
