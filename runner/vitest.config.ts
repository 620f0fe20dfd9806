import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Docker cases run a few at a time on a 2-core machine; files in turn so leftover checks see only their own runs.
    maxConcurrency: 3,
    fileParallelism: false,
  },
});
