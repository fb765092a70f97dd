import { describe, expect, it } from "vitest";
import { transformSlotsFor } from "./node-deps";

describe("transformSlotsFor", () => {
  it("leaves a core for the event loop and two libuv threads for crypto", () => {
    expect(transformSlotsFor({}, 2).options.maxActive).toBe(1);
    expect(transformSlotsFor({}, 8).options.maxActive).toBe(2); // libuv's default pool of 4, minus 2
    expect(transformSlotsFor({ UV_THREADPOOL_SIZE: "16" }, 8).options.maxActive).toBe(7);
    expect(transformSlotsFor({ UV_THREADPOOL_SIZE: "nonsense" }, 1).options.maxActive).toBe(1);
  });
});
