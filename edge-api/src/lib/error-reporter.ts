/**
 * Reporting the edge API's unhandled errors to Sentry when `SENTRY_DSN` is set, the same on Node and on
 * Workers: core's envelope reporter over the app's injected `fetch`, not @sentry/node or @sentry/cloudflare.
 * Why: Hono's `onError` already sees every unhandled error with its request id, so the SDKs'
 * instrumentation adds nothing; @sentry/node keeps process-global state (tests build many apps in one
 * process) and the Workers SDK a different setup, where this is one path for both entries — and every
 * event goes through core's scrubber (no prompt, token, key, email or query string), whichever runtime.
 */
import { buildErrorEvent, sendEvent, type FetchLike } from "@pixorly/core";
import type { ErrorReportingConfig } from "../env";

export interface ReportedRequest {
  method: string;
  url: string;
  headers: Headers;
  requestId?: string;
  /** The route pattern (`/v1/images/:id`), not the path: ids in paths are not wanted in reports. */
  route?: string;
}

export class ErrorReporter {
  constructor(
    private readonly config: ErrorReportingConfig,
    private readonly fetchImpl: FetchLike,
  ) {}

  /** Sends one event; resolves to whether Sentry took it, never rejects. */
  report(error: unknown, request: ReportedRequest): Promise<boolean> {
    const event = buildErrorEvent({
      error,
      platform: "javascript",
      service: "edge-api",
      release: this.config.release,
      environment: this.config.environment,
      requestId: request.requestId,
      tags: { route: request.route, method: request.method },
      request: { url: request.url, method: request.method, headers: Object.fromEntries(request.headers) },
    });
    return sendEvent(this.config.dsn, event, this.fetchImpl);
  }
}

export function createErrorReporter(
  config: ErrorReportingConfig | null,
  fetchImpl: typeof fetch,
): ErrorReporter | null {
  return config ? new ErrorReporter(config, (url, init) => fetchImpl(url, init)) : null;
}
