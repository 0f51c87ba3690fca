import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname) };

export default defineConfig({
  test: {
    projects: [
      { resolve: { alias }, test: { name: "unit", include: ["tests/unit/**/*.test.ts"] } },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/support/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Real worker processes, real PostgreSQL, the fake upstream on loopback: each test bounded in time.
        resolve: { alias },
        test: {
          name: "fault",
          include: ["tests/fault/**/*.test.ts"],
          globalSetup: ["tests/support/global-setup.ts"],
          testTimeout: 150_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          // After unit and integration tests, so their load does not skew the drain-rate figures.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
