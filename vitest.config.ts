import { defineConfig } from "vitest/config";

// End-to-end tests of the backend on convex-local + s3rver (package tests run in their own folders).
export default defineConfig({
  test: { include: ["tests/**/*.test.ts"], testTimeout: 30_000, hookTimeout: 30_000, pool: "forks" },
});
