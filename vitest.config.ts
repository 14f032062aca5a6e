import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Socket-level tests bind ephemeral ports; forks keep native modules (better-sqlite3) isolated.
    pool: "forks",
  },
});
