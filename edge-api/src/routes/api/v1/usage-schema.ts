/** The query and response of `GET /api/v1/usage` (the key owner's spend, from `usage:summary`). */
import { z } from "@hono/zod-openapi";
import { USAGE_SUMMARY_DAYS } from "@pixorly/core";

const { min, max } = USAGE_SUMMARY_DAYS;
const DAYS_MESSAGE = `days must be a whole number from ${min} to ${max}`;

export const UsageQuerySchema = z.object({
  // Written plainly (`days=30`), like `limit`: `z.coerce` would read "", " " and "0x10" as numbers.
  days: z
    .string()
    .regex(/^[0-9]{1,3}$/, DAYS_MESSAGE)
    .transform(Number)
    .pipe(z.number().min(min, DAYS_MESSAGE).max(max, DAYS_MESSAGE))
    .optional()
    .transform((days) => days ?? 30)
    .openapi({
      type: "integer",
      minimum: min,
      maximum: max,
      default: 30,
      example: 30,
      description: "UTC days to cover, today included.",
    }),
});

const UsageDaySchema = z.object({
  day: z.string().openapi({ example: "2026-12-03", description: "UTC day (`YYYY-MM-DD`)." }),
  credits: z.number().openapi({ description: "Credits spent (1 credit = $0.001)." }),
  generations: z.number().int().openapi({ description: "Images generated." }),
  apiCalls: z.number().int().openapi({ description: "REST API requests." }),
});

export const UsageResponseSchema = z
  .object({
    days: z
      .array(UsageDaySchema)
      .openapi({ description: "Every day of the period, oldest first (days without use are zeros)." }),
    byModel: z
      .array(z.object({ model: z.string(), credits: z.number(), generations: z.number().int() }))
      .openapi({ description: "Spend per model over the period, most credits first." }),
    totals: z.object({ credits: z.number(), generations: z.number().int(), apiCalls: z.number().int() }),
  })
  .openapi("Usage");
