import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { modelInfo, planId, storedImageFields } from "./model/validators";

export const jobStatus = v.union(
  v.literal("pending"),
  v.literal("processing"),
  v.literal("completed"),
  v.literal("failed"),
  v.literal("cancelled"),
);

export const generationParameters = v.object({
  width: v.number(),
  height: v.number(),
  steps: v.optional(v.number()),
  guidance: v.optional(v.number()),
  seed: v.number(),
  numImages: v.number(),
});

export default defineSchema({
  /** One row per identity (`tokenIdentifier` = issuer|subject), provisioned on first use. */
  users: defineTable({
    tokenIdentifier: v.string(),
    plan: planId,
    /** Spendable balance in credits (1 credit = $0.001); reservations are already taken out. */
    credits: v.number(),
    storageUsed: v.number(),
    trialEndsAt: v.optional(v.number()),
  }).index("by_token", ["tokenIdentifier"]),

  generationJobs: defineTable({
    userId: v.id("users"),
    prompt: v.string(),
    negativePrompt: v.optional(v.string()),
    model: v.string(),
    provider: v.union(v.literal("local"), v.literal("openrouter")),
    parameters: generationParameters,
    status: jobStatus,
    /** Enterprise jobs sort first in the queue. */
    priority: v.number(),
    idempotencyKey: v.optional(v.string()),
    reservedCredits: v.number(),
    actualCost: v.optional(v.number()),
    error: v.optional(v.object({ code: v.string(), message: v.string() })),
    resultImageIds: v.array(v.id("images")),
    /** The scheduled generation run, so a lost run can be found and restarted. */
    scheduledId: v.optional(v.id("_scheduled_functions")),
    startedAt: v.optional(v.number()),
    completedAt: v.optional(v.number()),
  })
    .index("by_user", ["userId"])
    .index("by_user_status", ["userId", "status"])
    .index("by_user_idempotency", ["userId", "idempotencyKey"])
    .index("by_status_priority", ["status", "priority"])
    .index("by_provider_status", ["provider", "status", "priority"]),

  images: defineTable({
    userId: v.id("users"),
    jobId: v.id("generationJobs"),
    model: v.string(),
    prompt: v.string(),
    ...storedImageFields,
    parameters: generationParameters,
  })
    .index("by_user", ["userId"])
    .index("by_job", ["jobId"])
    .searchIndex("search_prompt", { searchField: "prompt", filterFields: ["userId", "model"] }),

  /** OpenRouter models, synced from its model list. */
  models: defineTable({ modelId: v.string(), info: modelInfo, syncedAt: v.number() }).index("by_model", ["modelId"]),

  /** Rolling average of each model's real generation time, for estimates. */
  modelTimings: defineTable({ modelId: v.string(), averageMs: v.number(), samples: v.number() }).index("by_model", ["modelId"]),

  /** Circuit breaker state per model, shared by every generation run. */
  circuits: defineTable({
    key: v.string(),
    state: v.union(v.literal("closed"), v.literal("open"), v.literal("half-open")),
    failures: v.number(),
    openedAt: v.union(v.number(), v.null()),
  }).index("by_key", ["key"]),

  usage: defineTable({
    userId: v.id("users"),
    jobId: v.id("generationJobs"),
    model: v.string(),
    credits: v.number(),
    images: v.number(),
  }).index("by_user", ["userId"]),
});
