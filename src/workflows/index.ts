export * from "./prepare-refund-plan"
export * from "./refund-with-plan"
export * from "./select-payment-for-return"
export { paymentRefundLockKey } from "./steps/describe-payment-refund-lock"
