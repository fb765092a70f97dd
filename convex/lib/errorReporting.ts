/**
 * Reporting failures of Convex actions to Sentry. Convex's runtime has no Sentry SDK, so this posts core's
 * envelope (built and scrubbed by `buildErrorEvent`) with `fetch` when the deployment has `SENTRY_DSN` set;
 * without it, nothing is sent. Only for errors that are ours (not a `JobFailure` users already read), with
 * the job id as the request id and the job's own prompt cut out of the message, should a provider quote it.
 */
import { buildErrorEvent, parseDsn, sendEvent, type FetchLike } from "@pixorly/core";

export interface ActionErrorContext {
  /** The action, e.g. `generation.run`. */
  action: string;
  /** What ties the event to logs and rows: the job id for generations. */
  requestId?: string;
  tags?: Record<string, string | undefined>;
  /** Private texts of this context (the prompt, the negative prompt), cut out wherever they appear. */
  redact?: (string | undefined)[];
}

export interface ReportingDeps {
  env: Record<string, string | undefined>;
  fetch: FetchLike;
}

const defaultDeps = (): ReportingDeps => ({ env: process.env, fetch: (url, init) => fetch(url, init) });

/** Sends the error when `SENTRY_DSN` is set; resolves to whether it was taken, never throws. */
export async function reportActionError(
  error: unknown,
  context: ActionErrorContext,
  deps: ReportingDeps = defaultDeps(),
): Promise<boolean> {
  const dsnText = deps.env.SENTRY_DSN?.trim();
  if (!dsnText) return false;
  let dsn;
  try {
    dsn = parseDsn(dsnText);
  } catch (e) {
    console.error(`SENTRY_DSN is not usable, nothing reported: ${(e as Error).message}`);
    return false;
  }
  const event = buildErrorEvent({
    error,
    service: "convex",
    release: deps.env.SENTRY_RELEASE?.trim() || undefined,
    environment: deps.env.SENTRY_ENVIRONMENT?.trim() || (deps.env.LOCAL_MODE === "1" ? "local" : "production"),
    requestId: context.requestId,
    tags: { action: context.action, ...context.tags },
    redact: context.redact,
  });
  return sendEvent(dsn, event, deps.fetch);
}
