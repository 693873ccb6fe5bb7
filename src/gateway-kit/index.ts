export * from "./gateway-error"
export * from "./http-client"
export * from "./line-refunds-provider"
