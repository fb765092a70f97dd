/** A paginated search with a filter reports isDone only on its last page. */
import { ConvexHttpClient } from "convex/browser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "./fixture/convex/_generated/api.js";
import { startHarness, type Harness } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ workers: 1 });
});
afterAll(async () => {
  await h.close();
});

describe("paginated search with a filter", () => {
  it("a full first page is not the end; the pages together hold every match once", async () => {
    const http = new ConvexHttpClient(h.server.url);
    for (let i = 0; i < 12; i++)
      await http.mutation(api.messages.send, { author: "s", body: `harbour note ${i}`, likes: 0 });
    // Only these match the filter, interleaved with the ones that do not.
    for (let i = 0; i < 7; i++)
      await http.mutation(api.messages.send, { author: "s", body: `harbour liked ${i}`, likes: 5 });
    const first = await http.query(api.messages.searchPage, {
      text: "harbour",
      minLikes: 1,
      paginationOpts: { numItems: 3, cursor: null },
    });
    expect(first.page).toHaveLength(3);
    expect(first.isDone).toBe(false);
    const seen = [...first.page];
    let cursor = first.continueCursor;
    for (let n = 0; n < 10; n++) {
      const next = await http.query(api.messages.searchPage, {
        text: "harbour",
        minLikes: 1,
        paginationOpts: { numItems: 3, cursor },
      });
      seen.push(...next.page);
      cursor = next.continueCursor;
      if (next.isDone) break;
    }
    expect(new Set(seen.map((m) => m._id)).size).toBe(7);
    expect(seen).toHaveLength(7);
  });
});
