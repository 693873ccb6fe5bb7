import { MULTISAFEPAY, SMARTPAY_GATEWAY } from "./support/gateways"
import { faultsSuite } from "./support/suite"

// Every sandbox fault × every entry point, and the fuzzed routes, for two gateways in one app
// (one boot): their fault cases side by side, their fuzzed batches one after the other (see
// README.md).
faultsSuite("multisafepay-smartpay", [SMARTPAY_GATEWAY, MULTISAFEPAY])
