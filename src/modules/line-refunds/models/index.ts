export * from "./line-refund"
export * from "./line-refund-unit"
export * from "./line-refund-claim"
