import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { createCartCreditLinesWorkflow } from "@medusajs/medusa/core-flows"
import { RECORDING_PROVIDER } from "../support/seed-order"
import { seedStorefront, Storefront, STOREFRONT_ADDRESS } from "../support/storefront-seed"
import {
  completeStoreCart,
  createSessionOnCollection,
  createStoreCart,
  createStorePaymentSession,
  getStoreCart,
} from "../support/storefront-api"
import {
  CHECKOUT_CART_KEY,
  CheckoutCart,
  matchPlanLines,
  readCheckoutCart,
} from "../../src/core/checkout-cart"
import { toDecimal } from "../../src/core/money"
import { attachCheckoutCart } from "../../src/api/store/payment-collections/attach-checkout-cart"
import { checkRefundInputsAfterEachTest } from "../support/refund-inputs-agree"

jest.setTimeout(240_000)

const FORGED = {
  cart_id: "cart_forged",
  currency_code: "eur",
  total: "0.01",
  lines: [{ line_item_id: "x", title: "Everything", quantity: 1, total: "0.01" }],
  shipping: [],
  customer: null,
}

function sumOfTotals(cart: CheckoutCart): string {
  return [...cart.lines, ...cart.shipping]
    .reduce((sum, part) => sum.plus(part.total), toDecimal(0))
    .toFixed()
}

/**
 * The checkout cart a storefront payment session gets: computed by the server from Medusa's
 * cart when the storefront creates the session (POST /store/payment-collections/:id/
 * payment-sessions), never taken from the client.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    checkRefundInputsAfterEachTest(getContainer)
    async function storedSession(collectionId: string) {
      const [session] = await getContainer()
        .resolve(Modules.PAYMENT)
        .listPaymentSessions({ payment_collection_id: collectionId })
      return session
    }

    describe("a shop with prices excluding tax", () => {
      let store: Storefront
      beforeEach(async () => {
        store = await seedStorefront(getContainer(), { paymentProviders: [RECORDING_PROVIDER] })
      })

      it("gives the payment session the server's cart, discards a forged one, and survives into the order", async () => {
        const cart = await createStoreCart(api, store, {
          items: [
            { variant_id: store.variants.shirt, quantity: 2 },
            { variant_id: store.variants.mug, quantity: 3 },
            { variant_id: store.variants.book, quantity: 2 },
          ],
          promo_codes: [store.promoCode],
        })
        // 2 × 25 × 1.21 + 3 × 12.10 × 1.21 + (2 × 40 − 10) × 1.09 + 4.95 × 1.21
        expect(cart.total).toBe(186.7125)

        const { session, paymentCollectionId } = await createStorePaymentSession(
          api,
          store,
          cart.id,
          RECORDING_PROVIDER,
          { return_url: "https://shop.example/checkout", [CHECKOUT_CART_KEY]: FORGED },
        )

        const sent = session.data[CHECKOUT_CART_KEY] as CheckoutCart
        const itemId = (variant: string) => cart.items.find((i: any) => i.variant_id === variant).id
        expect(sent).toEqual({
          cart_id: cart.id,
          currency_code: "eur",
          total: "186.7125",
          lines: [
            {
              line_item_id: itemId(store.variants.shirt),
              variant_id: store.variants.shirt,
              product_id: store.products.shirt,
              sku: "SHIRT-1",
              title: "Shirt",
              position: 0,
              quantity: 2,
              unit_price_excl_tax: "25",
              unit_price_incl_tax: "30.25",
              tax_rate: "21",
              total: "60.5",
            },
            {
              line_item_id: itemId(store.variants.mug),
              variant_id: store.variants.mug,
              product_id: store.products.mug,
              sku: "MUG-1",
              title: "Mug",
              position: 1,
              quantity: 3,
              unit_price_excl_tax: "12.1",
              unit_price_incl_tax: "14.641",
              tax_rate: "21",
              total: "43.923",
            },
            {
              line_item_id: itemId(store.variants.book),
              variant_id: store.variants.book,
              product_id: store.products.book,
              sku: "BOOK-1",
              title: "Book",
              position: 2,
              quantity: 2,
              // BOOK10 takes 5.00 off each unit, folded into the price
              unit_price_excl_tax: "35",
              unit_price_incl_tax: "38.15",
              tax_rate: "9",
              total: "76.3",
              // and listed apart, tax included, for gateways with discount lines: 10.00 × 1.09
              discounts: [{ code: "BOOK10", amount_incl_tax: "10.9" }],
            },
          ],
          shipping: [
            {
              shipping_method_id: cart.shipping_methods[0].id,
              name: "Standard",
              position: 0,
              amount_excl_tax: "4.95",
              amount_incl_tax: "5.9895",
              tax_rate: "21",
              total: "5.9895",
            },
          ],
          customer: {
            email: "sam@example.com",
            ...STOREFRONT_ADDRESS,
            address_2: null,
            province: null,
            company: null,
          },
          delivery: {
            email: "sam@example.com",
            ...STOREFRONT_ADDRESS,
            address_2: null,
            province: null,
            company: null,
          },
        })
        expect(sumOfTotals(sent)).toBe(sent.total)
        expect(session.amount).toBe(186.7125)
        // the client's own data is kept
        expect(session.data.return_url).toBe("https://shop.example/checkout")

        // stored so: the provider's initiatePayment got it (the recording provider echoes its input)
        const stored = await storedSession(paymentCollectionId)
        expect(readCheckoutCart(stored.data)).toEqual(sent)
        expect(stored.data.currency_code).toBe("eur")

        const completed = await completeStoreCart(api, store, cart.id)
        expect(completed.type).toBe("order")
        const order = (completed as { order: any }).order

        // the payment carries the cart on, so a refund can find the checkout lines later
        const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
        const {
          data: [placed],
        } = await query.graph({
          entity: "order",
          fields: [
            "id",
            "items.id",
            "items.variant_id",
            "items.product_id",
            "items.title",
            "items.created_at",
            "payment_collections.payments.data",
          ],
          filters: { id: order.id },
        })
        const payment = (placed as any).payment_collections[0].payments[0]
        expect(readCheckoutCart(payment.data)).toEqual(sent)

        // order lines have new ids; each maps back to the checkout line it came from
        const orderLines = [...(placed as any).items]
          .sort(
            (a: any, b: any) =>
              new Date(a.created_at).getTime() - new Date(b.created_at).getTime() ||
              String(a.id).localeCompare(String(b.id)),
          )
          .map((item: any, position: number) => ({
            line_item_id: item.id,
            variant_id: item.variant_id,
            product_id: item.product_id,
            title: item.title,
            position,
          }))
        expect(orderLines.map((l) => l.line_item_id)).not.toContain(sent.lines[0].line_item_id)
        const matches = matchPlanLines(orderLines, sent.lines)
        for (const line of orderLines) {
          expect(matches[line.line_item_id]).toMatchObject({
            status: "matched",
            checkout_line: { variant_id: line.variant_id, title: line.title },
          })
        }
      })

      it("gives a session without client data the cart too", async () => {
        const cart = await createStoreCart(api, store, {
          items: [{ variant_id: store.variants.shirt, quantity: 1 }],
          shipping_option_id: null,
        })
        const { session } = await createStorePaymentSession(api, store, cart.id, RECORDING_PROVIDER)
        expect(session.data[CHECKOUT_CART_KEY]).toMatchObject({
          total: "30.25",
          lines: [{ title: "Shirt", quantity: 1, total: "30.25" }],
          shipping: [],
        })
      })

      it("leaves out the cart for a provider that does not need it when the cart has store credit, and refuses it to one that does", async () => {
        const cart = await createStoreCart(api, store, {
          items: [{ variant_id: store.variants.shirt, quantity: 2 }],
        })
        await createCartCreditLinesWorkflow(getContainer()).run({
          input: [
            {
              cart_id: cart.id,
              amount: 10,
              reference: "gift_voucher",
              reference_id: "voucher_1",
            },
          ] as never,
        })
        expect((await getStoreCart(api, store, cart.id)).total).toBe(56.4895)

        const { session, paymentCollectionId } = await createStorePaymentSession(
          api,
          store,
          cart.id,
          RECORDING_PROVIDER,
          { [CHECKOUT_CART_KEY]: FORGED, note: "kept" },
        )
        expect(session.amount).toBe(56.4895)
        expect(session.data[CHECKOUT_CART_KEY]).toBeUndefined()
        expect(session.data.note).toBe("kept")

        // the same request for a provider that needs the cart: the middleware refuses it (400)
        const body = { provider_id: "pp_multisafepay_klarna", data: {} }
        const req = {
          scope: getContainer(),
          params: { id: paymentCollectionId },
          body,
          validatedBody: { ...body },
        }
        const next = jest.fn()
        await attachCheckoutCart(req as never, {} as never, next)
        expect(next).toHaveBeenCalledTimes(1)
        const [error] = next.mock.calls[0]
        expect(MedusaError.isMedusaError(error)).toBe(true)
        expect(error.type).toBe(MedusaError.Types.INVALID_DATA)
        expect(error.message).toBe(
          `Cart ${cart.id} has store credit (credit lines) of 10 EUR: carts paid partly with ` +
            `credit lines are not supported for payments that need the cart's lines`,
        )
      })

      it("passes a payment collection without a cart through, minus a forged cart", async () => {
        const [collection] = await getContainer()
          .resolve(Modules.PAYMENT)
          .createPaymentCollections([{ currency_code: "eur", amount: 12.5 }])
        const { session } = await createSessionOnCollection(
          api,
          store,
          collection.id,
          RECORDING_PROVIDER,
          { [CHECKOUT_CART_KEY]: FORGED, reference: "order edit" },
        )
        expect(session.data[CHECKOUT_CART_KEY]).toBeUndefined()
        expect(session.data.reference).toBe("order edit")
      })
    })

    describe("a shop with prices including tax", () => {
      it("computes ex-tax unit prices at full precision, with the discount folded in", async () => {
        const store = await seedStorefront(getContainer(), {
          paymentProviders: [RECORDING_PROVIDER],
          taxInclusivePrices: true,
        })
        const cart = await createStoreCart(api, store, {
          items: [
            { variant_id: store.variants.shirt, quantity: 2 },
            { variant_id: store.variants.mug, quantity: 3 },
            { variant_id: store.variants.book, quantity: 2 },
          ],
          promo_codes: [store.promoCode],
        })
        const { session } = await createStorePaymentSession(
          api,
          store,
          cart.id,
          RECORDING_PROVIDER,
          { [CHECKOUT_CART_KEY]: FORGED },
        )
        const sent = session.data[CHECKOUT_CART_KEY] as CheckoutCart
        expect(sent.total).toBe(String(cart.total))
        expect(sumOfTotals(sent)).toBe(sent.total)
        expect(
          sent.lines.map((l) => [
            l.title,
            l.quantity,
            l.unit_price_excl_tax,
            l.unit_price_incl_tax,
            l.tax_rate,
            l.total,
          ]),
        ).toEqual([
          ["Shirt", 2, "20.66115702479338842975", "25", "21", "50"],
          ["Mug", 3, "10", "12.1", "21", "36.3"],
          // BOOK10 is not a tax-inclusive promotion: 10.00 off excluding tax, 10.90 including
          // 80 / 1.09 − 10 = 63.394495…, over 2 units; 80 − 10.90 = 69.10
          ["Book", 2, "31.69724770642201834863", "34.55", "9", "69.1"],
        ])
        // a tax-inclusive shop, a promotion excluding tax: its 10.00 is 10.90 with tax
        expect(sent.lines.map((l) => l.discounts)).toEqual([
          undefined,
          undefined,
          [{ code: "BOOK10", amount_incl_tax: "10.9" }],
        ])
        expect(sent.shipping).toEqual([
          expect.objectContaining({
            amount_excl_tax: "4.09090909090909090909",
            amount_incl_tax: "4.95",
            tax_rate: "21",
            total: "4.95",
          }),
        ])
        expect(sent.total).toBe("160.35")
      })
    })
  },
})
