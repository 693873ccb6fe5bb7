export * from "./state"
export * from "./idempotency"
