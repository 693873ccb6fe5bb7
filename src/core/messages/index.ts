/**
 * Every text a store's staff can meet (refund routes, the stock Refund button, the order page's
 * refund history, gateway failures), in one place so every entry point says the same thing.
 */
export * from "./format"
export * from "./refunds"
export * from "./gateway"
