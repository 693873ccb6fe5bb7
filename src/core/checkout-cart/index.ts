export * from "./types"
export * from "./build-checkout-cart"
export * from "./match-plan-lines"
export * from "./session-data"
