export * from "./currency"
export * from "./decimal"
export * from "./money"
export * from "./allocate"
