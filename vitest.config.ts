import { defineConfig } from "vitest/config";

// The backend's tests: unit tests beside the code in convex/, and end-to-end tests on convex-local + s3rver
// in tests/ (package tests run in their own folders).
export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts", "convex/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
