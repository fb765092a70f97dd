/**
 * One job view's words and numbers, shared by the job card and the comparison cell: the status
 * headline and the progress estimate.
 *
 * Where the estimate comes from: the model catalog (`models:list`) answers, per model, the median
 * of its recent runs' time per image as `estimatedMs` and their middle half (25th–75th percentile)
 * as `estimatedRangeMs` (convex/lib/modelTimings.ts; the model's declared time until it has run a
 * few times). A job of n images is expected to take n × that. The bar follows the median and the
 * words give the range ("about 2–4 s"), both fixed for the job's life, so neither jumps between
 * loads or renders; past the range's end the card says the job is taking longer than usual.
 */
import type { ModelInfo } from "@pixorly/core";
import type { Job } from "../client/api.js";
import { formatNumber } from "../i18n/format.js";
import { currentLocale, msg, str } from "../i18n/localize.js";

/** The estimate never claims to be done before the job says so. */
const MAX_ESTIMATED_FRACTION = 0.95;

export interface ProgressEstimate {
  /** 0–100, from the time since `startedAt` over the model's median time for this many images. */
  percent: number;
  /** The job's expected total, low and high, in ms (the model's range × images). */
  lowMs: number;
  highMs: number;
  /** Past the range's end. */
  overdue: boolean;
}

/** How far a processing job probably is, from the model's median and range per image. */
export function estimateProgress(
  job: Pick<Job, "startedAt" | "parameters">,
  model: Pick<ModelInfo, "estimatedMs" | "estimatedRangeMs">,
  now: number,
): ProgressEstimate {
  const images = Math.max(1, job.parameters.numImages);
  const median = Math.max(1, model.estimatedMs) * images;
  const range = model.estimatedRangeMs;
  // Without measured runs, the declared time ± a third.
  const lowMs = (range ? range.low : model.estimatedMs * (2 / 3)) * images;
  const highMs = Math.max(lowMs, (range ? range.high : model.estimatedMs * (4 / 3)) * images);
  const elapsed = Math.max(0, now - (job.startedAt ?? now));
  return {
    percent: Math.round(Math.min(MAX_ESTIMATED_FRACTION, elapsed / median) * 100),
    lowMs,
    highMs,
    overdue: elapsed > highMs,
  };
}

/** "about 2–4 s" (one figure when both round alike; tenths under ten seconds). */
export function durationRange(lowMs: number, highMs: number): string {
  const digits = highMs < 10_000 ? 1 : 0;
  const step = 10 ** digits;
  const low = Math.max(1 / step, Math.floor((lowMs / 1000) * step) / step);
  const high = Math.max(low, Math.ceil((highMs / 1000) * step) / step);
  const format = (seconds: number) => formatNumber(seconds, { maximumFractionDigits: digits });
  if (format(low) === format(high)) {
    const seconds = format(high);
    return msg(str`about ${seconds} s`);
  }
  const from = format(low);
  const to = format(high);
  return msg(str`about ${from}–${to} s`);
}

/** "1st", "2nd" in English; "1." in German. */
function ordinal(n: number): string {
  if (currentLocale() !== "en") return `${formatNumber(n)}.`;
  const rules = new Intl.PluralRules("en", { type: "ordinal" });
  const suffix = { one: "st", two: "nd", few: "rd", other: "th" } as Record<string, string>;
  return `${n}${suffix[rules.select(n)] ?? "th"}`;
}

/** The headline for a job's status, as the element shows it and the live region announces it. */
export function statusSentence(job: Pick<Job, "status" | "queuePosition" | "resultImageIds">): string {
  switch (job.status) {
    case "pending": {
      if (!job.queuePosition) return msg("Waiting in line");
      const position = ordinal(job.queuePosition);
      return msg(str`Waiting in line: ${position} in the queue`);
    }
    case "processing":
      return msg("Generating");
    case "completed": {
      const count = job.resultImageIds.length;
      return count === 1 ? msg("Done: 1 image") : msg(str`Done: ${count} images`);
    }
    case "failed":
      return msg("Failed");
    case "cancelled":
      return msg("Cancelled");
  }
}
