export * from "./prepare-refund-plan"
export * from "./refund-return"
export * from "./payment-refund-lock"
