import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // Generous: CI machines are shared, and a busy 2-core machine runs these several times slower than a quiet one.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Docker cases run two at a time on a 2-core machine; files in turn so leftover checks see only their own runs.
    maxConcurrency: 2,
    fileParallelism: false,
  },
});
