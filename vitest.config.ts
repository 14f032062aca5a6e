import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Socket-level tests bind ephemeral ports; forks keep native modules (better-sqlite3) isolated.
    pool: "forks",
    // Two files at a time even on 2 cores (the default is cores − 1): most e2e time is spent waiting on
    // sockets and child processes, and one at a time took 434 s against 288 s on the 2-core machine.
    maxWorkers: 2,
  },
});
