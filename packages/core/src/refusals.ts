/**
 * A refused generation as `jobs:create` returns it. Convex rolls back everything a throwing mutation
 * wrote, so a refusal that must leave a moderation log row is returned, not thrown; each client turns
 * it back into the same `MODERATION_REJECTED` error (`refusalError`) its callers have always seen.
 */
import type { FieldIssue } from "./errors";

// Its zod schema (`jobRefusalSchema`, the Convex return validator) is in `error-schemas.ts`: this
// check is in the elements' first paint, which must not build zod schemas.

// A type alias, not an interface: Convex values need an index signature, which interfaces lack.
export type JobRefusal = {
  refused: { code: "MODERATION_REJECTED"; message: string; fields: Pick<FieldIssue, "field" | "message">[] };
};

/** Whether a `jobs:create` result is a refusal (a job id is a string). */
export function isJobRefusal(value: unknown): value is JobRefusal {
  return typeof value === "object" && value !== null && "refused" in value;
}
