/**
 * The bodies we send to Optty (docs/gateways/optty.md#checkout-order,
 * docs/gateways/optty.md#refund-request, docs/gateways/optty.md#capture-and-void).
 */

export interface OpttyOrderItem {
  name: string
  quantity: number
  sku: string
  /** excluding tax, ≤ 2 decimals */
  unitPrice: number
  /** unitPrice × quantity, exactly */
  totalAmount: number
}

export interface OpttyAddress {
  line1: string
  line2?: string
  city: string
  postcode: string
  state?: string
  country: string
}

export interface CreateOrderRequest {
  orderReference: string
  bnplProvider: string
  purchaseCountry: string
  purchaseCurrency: string
  locale: string
  orderAmount: number
  orderItems: OpttyOrderItem[]
  taxAmount: number
  shippingAmount: number
  discountAmount: number
  customer: { firstName: string; lastName: string; email: string; phone?: string }
  billingAddress: OpttyAddress
  shippingAddress?: OpttyAddress
  dynamicRedirectUrl: string
  dynamicCallbackUrl?: string
}

export interface RefundRequest {
  refundReference: string
  refundAmount: { amount: number; currency: string }
  refundDescription: string
  isActivatedViaOAuth: boolean
}

export interface CaptureRequest {
  captureReference: string
  description?: string
  amount: number
}

export interface VoidRequest {
  voidReference: string
  description?: string
  amount: number
}
