import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    // One retry: these tests run real servers and sockets, and a loaded CI machine can miss a timing once
    // (a real failure fails twice and is reported as such).
    retry: 1,
  },
});
