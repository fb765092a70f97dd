/**
 * The shapes the REST API reads from Convex, derived from the backend's own function types
 * (`convex/_generated/api` through `lib/convex-api.ts`): a change to a Convex `returns` validator that
 * the REST layer does not follow fails the type check, not a request. The routes call `api.*` directly.
 */
import type { FunctionReturnType } from "convex/server";
import type { api } from "../../../lib/convex-api";

/** A job as `jobs:get` returns it (with its queue position). */
export type JobDoc = NonNullable<FunctionReturnType<typeof api.jobs.get>>;
/** An image as the library listings return it (`images:get` adds its job's details). */
export type ImageDoc = FunctionReturnType<typeof api.images.list>["page"][number];
/** One row of `collections:list`. */
export type CollectionSummary = FunctionReturnType<typeof api.collections.list>[number];
/** What `usage:summary` answers. */
export type UsageSummary = FunctionReturnType<typeof api.usage.summary>;
