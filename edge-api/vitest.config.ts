import { defineConfig } from "vitest/config";

// Unit tests beside the code (src/**), end-to-end tests with convex-local + s3rver in test/.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
