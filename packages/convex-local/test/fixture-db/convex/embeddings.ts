// The vector benchmark's calls (bench/convex-local-vector.bench.ts).
import { actionGeneric as action, mutationGeneric as mutation } from "convex/server";
import { v } from "convex/values";

export const search = action({
  args: { vector: v.array(v.float64()), limit: v.optional(v.number()), kind: v.optional(v.number()) },
  handler: async (ctx, { vector, limit, kind }) =>
    await ctx.vectorSearch("embeddings", "by_embedding", {
      vector,
      limit,
      filter: kind === undefined ? undefined : (q) => q.eq("kind", kind),
    }),
});

export const insert = mutation({
  args: { docs: v.array(v.object({ embedding: v.array(v.float64()), kind: v.number() })) },
  handler: async (ctx, { docs }) => {
    for (const doc of docs) await ctx.db.insert("embeddings", doc);
  },
});
