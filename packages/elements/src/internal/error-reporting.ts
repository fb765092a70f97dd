/**
 * The elements' error reports, sent only when the partner opts in with `report-errors="<Sentry DSN>"` on
 * `<pixorly-studio>` (loaded lazily by `ErrorReportingController`, so pages without the attribute never
 * even download it). What is sent: uncaught errors and rejections thrown by Pixorly's own scripts, and the
 * studio's `pixorly-error` events (code and message) — through core's scrubber, with the page's address
 * cut to origin and path (never its query or fragment), no user, cookie or storage data, at most
 * `MAX_EVENTS` per page view.
 */
import { buildErrorEvent, parseDsn, sendEvent, stripQuery, type FetchLike, type SentryDsn } from "@pixorly/core";
import type { PixorlyErrorDetail } from "../events/index.js";

export const MAX_EVENTS = 10;

export interface ReportingOptions {
  fetch?: FetchLike;
  /** Where Pixorly's scripts are served from; errors from other scripts are the page's, not ours. */
  scriptBase?: string;
  /** Where uncaught errors are heard (tests pass their own target): default `window`. */
  errorSource?: EventTarget;
}

let sentThisPage = 0;

/** Starts reporting for `host`; answers the function that stops it. A bad DSN is said once and ignored. */
export function attachErrorReporting(host: HTMLElement, dsnText: string, options: ReportingOptions = {}): () => void {
  let dsn: SentryDsn;
  try {
    dsn = parseDsn(dsnText);
  } catch (error) {
    console.warn(
      `<${host.localName}> report-errors: ${(error as Error).message.replace("SENTRY_DSN", "the value")}; no errors are reported.`,
    );
    return () => {};
  }
  const post: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const scriptBase = options.scriptBase ?? new URL(".", import.meta.url).href;
  const seen = new Set<string>();

  const send = (error: unknown, tags: Record<string, string | undefined>) => {
    const key = `${tags.code ?? ""}:${error instanceof Error ? error.message : String(error)}`;
    if (seen.has(key) || sentThisPage >= MAX_EVENTS) return;
    seen.add(key);
    sentThisPage++;
    const event = buildErrorEvent({
      error,
      service: "elements",
      environment: "partner",
      tags: { element: host.localName, ...tags },
      // The page's origin and path only: scrubEvent drops query and fragment, and no headers are sent.
      request: { url: stripQuery(location.href) },
    });
    void sendEvent(dsn, event, post, { keepalive: true });
  };

  const fromPixorly = (error: unknown, filename?: string) =>
    (filename ?? "").startsWith(scriptBase) || (error instanceof Error && (error.stack ?? "").includes(scriptBase));

  const onError = (event: ErrorEvent) => {
    if (fromPixorly(event.error, event.filename)) send(event.error ?? event.message, { kind: "uncaught" });
  };
  const onRejection = (event: PromiseRejectionEvent) => {
    if (fromPixorly(event.reason)) send(event.reason, { kind: "unhandledrejection" });
  };
  const onPixorlyError = (event: CustomEvent<Partial<PixorlyErrorDetail> | undefined>) => {
    // A page may dispatch its own `pixorly-error` without a detail.
    const detail = event.detail ?? {};
    const error = new Error(detail.message ?? "pixorly-error");
    error.name = "PixorlyError";
    send(error, { kind: "pixorly-error", code: detail.code });
  };

  const source = options.errorSource ?? window;
  source.addEventListener("error", onError as EventListener);
  source.addEventListener("unhandledrejection", onRejection as EventListener);
  host.addEventListener("pixorly-error", onPixorlyError);
  return () => {
    source.removeEventListener("error", onError as EventListener);
    source.removeEventListener("unhandledrejection", onRejection as EventListener);
    host.removeEventListener("pixorly-error", onPixorlyError);
  };
}

/** Tests only: a new page view as far as the per-page cap is concerned. */
export function resetReportCount(): void {
  sentThisPage = 0;
}
