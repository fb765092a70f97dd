/**
 * A refused generation as `jobs:create` returns it. Convex rolls back everything a throwing mutation
 * wrote, so a refusal that must leave a moderation log row is returned, not thrown; each client turns
 * it back into the same `MODERATION_REJECTED` error (`refusalError`) its callers have always seen.
 */
import * as z from "zod/mini";
import type { FieldIssue } from "./errors";

export const jobRefusalSchema = z.object({
  refused: z.object({
    code: z.literal("MODERATION_REJECTED"),
    message: z.string(),
    fields: z.array(z.object({ field: z.string(), message: z.string() })),
  }),
});

// A type alias, not an interface: Convex values need an index signature, which interfaces lack.
export type JobRefusal = {
  refused: { code: "MODERATION_REJECTED"; message: string; fields: Pick<FieldIssue, "field" | "message">[] };
};

/** Whether a `jobs:create` result is a refusal (a job id is a string). */
export function isJobRefusal(value: unknown): value is JobRefusal {
  return typeof value === "object" && value !== null && "refused" in value;
}
