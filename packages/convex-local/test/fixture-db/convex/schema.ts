// Schema of the database-features fixture: a vector index with filter fields, staged indexes of each
// kind, accounts for reads at a past timestamp, and 1536-dimension embeddings for the vector benchmark.
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  items: defineTable({
    embedding: v.array(v.float64()),
    kind: v.string(),
    color: v.optional(v.string()),
    label: v.optional(v.string()),
  })
    .vectorIndex("by_embedding", { vectorField: "embedding", dimensions: 8, filterFields: ["kind", "color"] })
    .vectorIndex("by_embedding_staged", { vectorField: "embedding", dimensions: 8, staged: true })
    .index("by_kind", ["kind"])
    .index("by_color", { fields: ["color"], staged: true })
    .searchIndex("search_label", { searchField: "label", staged: true }),
  accounts: defineTable({ name: v.string(), balance: v.number() }).index("by_name", ["name"]),
  // bench/convex-local-vector.bench.ts: OpenAI-sized embeddings, one filter field.
  embeddings: defineTable({ embedding: v.array(v.float64()), kind: v.number() }).vectorIndex("by_embedding", {
    vectorField: "embedding",
    dimensions: 1536,
    filterFields: ["kind"],
  }),
});
