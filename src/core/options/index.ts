export * from "./parse-options"
