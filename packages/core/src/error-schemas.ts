/**
 * The zod schemas of Pixorly's error shapes, apart from the plain code table (`errors.ts`) and the
 * refusal check (`refusals.ts`): a schema is built when its module is imported, which keeps zod in
 * every bundle that imports the module. The elements' first paint needs the table and the check,
 * not the schemas (the prompt box validates errors after it), so they live here.
 */
import * as z from "zod/mini";
import { ERROR_CODES } from "./errors";

/** Validates error data received from another part (a Convex error, an edge API response body). */
export const pixorlyErrorDataSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  fields: z.optional(z.array(z.object({ field: z.string(), message: z.string() }))),
});

/** A refused generation as `jobs:create` returns it (`JobRefusal` in `refusals.ts`). */
export const jobRefusalSchema = z.object({
  refused: z.object({
    code: z.literal("MODERATION_REJECTED"),
    message: z.string(),
    fields: z.array(z.object({ field: z.string(), message: z.string() })),
  }),
});
