import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, resolveChromium } from "./support/browser";
import { appUrl, ports } from "./tests/e2e/ports";

const browser = resolveChromium();

/**
 * Browser tests against a production build (`npm run test:browser` builds first). tests/e2e/serve.ts
 * starts the whole stack on ports from E2E_PORT_BASE (default 3200): app, fake LeadConnector,
 * partner site, PostgreSQL. Specs are `*.e2e.ts` so vitest's default `*.test|spec.ts` glob skips them.
 */
export default defineConfig({
  testDir: "tests/e2e",
  testMatch: /\.e2e\.ts$/,
  fullyParallel: false,
  workers: 1, // one shared server and database; the machine has two cores
  retries: 0,
  forbidOnly: true,
  reporter: "list",
  timeout: 45_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL: appUrl,
    trace: "retain-on-failure",
    launchOptions: {
      // Undefined lets Playwright report its own "browser not installed" error; find-browser.ts explains more.
      executablePath: browser.ok ? browser.executablePath : undefined,
      args: CHROMIUM_ARGS,
    },
  },
  projects: [
    {
      name: "chromium",
      testIgnore: /\.nojs\.e2e\.ts$/,
      use: { ...devices["Desktop Chrome"], javaScriptEnabled: true },
    },
    {
      // A real no-JavaScript browser: React never hydrates, forms post as plain HTML.
      name: "chromium-no-js",
      testMatch: /\.nojs\.e2e\.ts$/,
      use: { ...devices["Desktop Chrome"], javaScriptEnabled: false },
    },
  ],
  webServer: {
    command: "node --import tsx tests/e2e/serve.ts",
    url: `http://localhost:${ports.app}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    // SIGTERM lets serve.ts stop Next, the fakes and PostgreSQL and delete its temp folder.
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    stdout: "pipe",
    stderr: "pipe",
  },
});
