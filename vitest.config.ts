import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["**/*.test.ts"],
          exclude: ["**/*.integration.test.ts", "node_modules/**", ".next/**", "e2e/**"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["**/*.integration.test.ts"],
          exclude: ["node_modules/**", ".next/**", "e2e/**"],
          environment: "node",
          // One PostgreSQL database per run, created, migrated and seeded here, dropped after.
          globalSetup: ["test/integration-global-setup.ts"],
          setupFiles: ["test/integration-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Test files share the run's database; run them one at a time so the single
          // embedded-PGlite and advisory-lock tests do not race each other.
          fileParallelism: false,
        },
      },
    ],
  },
});
