export * from "./take-refund-plan"
export * from "./record-refund"
