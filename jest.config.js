// One Jest config, five projects: fast pure unit tests, integration suites that boot the real
// Medusa app (see integration-tests/support) against PostgreSQL, the reliability figures of
// `npm run test:faults` (integration-tests/faults), the multi-process deployment on Redis
// (integration-tests/deployment) and browser suites that drive the real admin of a booted dev
// store in Debian's Chromium (integration-tests/browser).
const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

const transform = {
  "^.+\\.[jt]sx?$": [
    "@swc/jest",
    { jsc: { parser: { syntax: "typescript", decorators: true }, target: "es2021" } },
  ],
}
const shared = {
  transform,
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "json"],
  modulePathIgnorePatterns: ["<rootDir>/dist/", "<rootDir>/.medusa/", "<rootDir>/.data/"],
}

module.exports = {
  projects: [
    {
      ...shared,
      displayName: "unit",
      // the gateway sandboxes' own rule tests run with the unit tests: they need no app
      testMatch: [
        "<rootDir>/src/**/__tests__/**/*.unit.spec.ts",
        "<rootDir>/integration-tests/sandboxes/**/__tests__/**/*.unit.spec.ts",
      ],
    },
    {
      ...shared,
      displayName: "integration",
      testMatch: ["<rootDir>/integration-tests/http/**/*.spec.ts"],
      setupFiles: ["<rootDir>/integration-tests/setup.js"],
      globalSetup: "<rootDir>/integration-tests/support/jest-global-setup.js",
      globalTeardown: "<rootDir>/integration-tests/support/jest-global-teardown.js",
    },
    {
      ...shared,
      displayName: "faults",
      testMatch: ["<rootDir>/integration-tests/faults/**/*.faults.ts"],
      setupFiles: ["<rootDir>/integration-tests/setup.js"],
      globalSetup: "<rootDir>/integration-tests/support/jest-global-setup.js",
      // prints the one table of counts and fails the run when any count is not 0
      globalTeardown: "<rootDir>/integration-tests/faults/report-faults.js",
    },
    {
      ...shared,
      displayName: "deployment",
      testMatch: ["<rootDir>/integration-tests/deployment/**/*.spec.ts"],
      setupFiles: ["<rootDir>/integration-tests/setup.js"],
      globalSetup: "<rootDir>/integration-tests/support/jest-global-setup.js",
      globalTeardown: "<rootDir>/integration-tests/support/jest-global-teardown.js",
    },
    {
      ...shared,
      displayName: "browser",
      testMatch: ["<rootDir>/integration-tests/browser/**/*.spec.ts"],
      setupFiles: ["<rootDir>/integration-tests/setup.js"],
    },
  ],
}
