// Vector search through the official `ctx.vectorSearch`, plus the writes the tests make around it.
import { actionGeneric as action, mutationGeneric as mutation, queryGeneric as query } from "convex/server";
import { v } from "convex/values";

const item = v.object({
  embedding: v.array(v.float64()),
  kind: v.string(),
  color: v.optional(v.string()),
  label: v.optional(v.string()),
});

export const insertMany = mutation({
  args: { items: v.array(item) },
  handler: async (ctx, { items }) => {
    const ids = [];
    for (const it of items) ids.push(await ctx.db.insert("items", it));
    return ids;
  },
});

export const patch = mutation({
  args: { id: v.id("items"), embedding: v.optional(v.array(v.float64())), kind: v.optional(v.string()) },
  handler: async (ctx, { id, ...fields }) => {
    await ctx.db.patch(id, fields);
  },
});

export const remove = mutation({ args: { id: v.id("items") }, handler: async (ctx, { id }) => ctx.db.delete(id) });

/** Inserts, then fails: nothing of it may be found afterwards. */
export const insertThenFail = mutation({
  args: { embedding: v.array(v.float64()) },
  handler: async (ctx, { embedding }) => {
    await ctx.db.insert("items", { embedding, kind: "doomed" });
    throw new Error("rolled back on purpose");
  },
});

type Cond = { field: string; value: unknown };

/** `filter`: a list of (field, value) equalities, joined with q.or when there are several. */
export const search = action({
  args: {
    vector: v.array(v.float64()),
    limit: v.optional(v.number()),
    filter: v.optional(v.array(v.object({ field: v.string(), value: v.any() }))),
    index: v.optional(v.string()),
    undefinedColor: v.optional(v.boolean()),
  },
  handler: async (ctx, { vector, limit, filter, index, undefinedColor }) => {
    const conds = (filter ?? []) as Cond[];
    return await ctx.vectorSearch("items", (index ?? "by_embedding") as "by_embedding", {
      vector,
      limit,
      filter: undefinedColor
        ? (q: any) => q.eq("color", undefined)
        : conds.length === 0
          ? undefined
          : (q: any) =>
              conds.length === 1
                ? q.eq(conds[0].field, conds[0].value)
                : q.or(...conds.map((c) => q.eq(c.field, c.value))),
    });
  },
});

export const byIndex = query({
  args: { index: v.string(), value: v.any() },
  handler: async (ctx, { index, value }) =>
    (
      await ctx.db
        .query("items")
        .withIndex(index as "by_kind", (q: any) => q.eq(index === "by_color" ? "color" : "kind", value))
        .collect()
    ).length,
});

export const searchLabel = query({
  args: { text: v.string() },
  handler: async (ctx, { text }) =>
    (
      await ctx.db
        .query("items")
        .withSearchIndex("search_label" as never, (q: any) => q.search("label", text))
        .collect()
    ).length,
});
