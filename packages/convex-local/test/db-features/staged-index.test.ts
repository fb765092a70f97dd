/** Staged indexes (`staged: true`): defined in the schema, not queryable, with Convex's message. */
import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorOf, startDbServer, type DbServer } from "./server.js";

describe("staged indexes", () => {
  let db: DbServer;
  let client: ConvexHttpClient;
  beforeAll(async () => {
    db = await startDbServer();
    client = new ConvexHttpClient(db.server.url);
    await client.mutation(anyApi.items.insertMany, {
      items: [{ embedding: [1, 0, 0, 0, 0, 0, 0, 0], kind: "a", color: "red", label: "hello" }],
    });
  });
  afterAll(async () => {
    await db?.close();
  });

  it("refuses withIndex, withSearchIndex and vectorSearch on a staged index; the enabled ones answer", async () => {
    expect(await client.query(anyApi.items.byIndex, { index: "by_kind", value: "a" })).toBe(1);
    expect(await errorOf(client.query(anyApi.items.byIndex, { index: "by_color", value: "red" }))).toContain(
      "Index items.by_color is currently staged and not available to query until it is enabled.",
    );
    expect(await errorOf(client.query(anyApi.items.searchLabel, { text: "hello" }))).toContain(
      "Index items.search_label is currently staged and not available to query until it is enabled.",
    );
    expect(
      await errorOf(
        client.action(anyApi.items.search, { vector: [1, 0, 0, 0, 0, 0, 0, 0], index: "by_embedding_staged" }),
      ),
    ).toContain("Index items.by_embedding_staged is currently staged and not available to query until it is enabled.");
    expect(await errorOf(client.query(anyApi.items.byIndex, { index: "by_nothing", value: "a" }))).toContain(
      "Index items.by_nothing not found.",
    );
  });
});
