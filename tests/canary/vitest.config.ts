import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "../..");

/** The canary alone, with the integration project's global setup: `.ci/run` expects this run to fail. */
export default defineConfig({
  root,
  resolve: { alias: { "@": root } },
  test: { name: "canary", include: ["tests/canary/*.canary.ts"], globalSetup: ["tests/support/global-setup.ts"], hookTimeout: 60_000 },
});
