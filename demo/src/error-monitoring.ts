/**
 * The demo site's error reports: with `SENTRY_DSN` set when the site is served or built, every page
 * (through `observability.ts`) sends its uncaught errors and unhandled rejections to Sentry as core's
 * envelope, scrubbed (no prompt, token, key, email; the page address without its query). Without it the
 * module is not even on the page (observability-plugin.ts).
 */
import { buildErrorEvent, parseDsn, sendEvent, type FetchLike } from "@pixorly/core";

export interface MonitoringSettings {
  dsn: string;
  release?: string;
  environment?: string;
}

/** Starts reporting; answers the function that stops it. */
export function startErrorMonitoring(
  settings: MonitoringSettings,
  target: Window = window,
  post: FetchLike = (url, init) => fetch(url, init),
): () => void {
  const dsn = parseDsn(settings.dsn);
  const send = (error: unknown, kind: string) => {
    // An error from the edge API carries its request id (`{ code, message, requestId }` bodies).
    const requestId =
      typeof (error as { requestId?: unknown })?.requestId === "string"
        ? (error as { requestId: string }).requestId
        : undefined;
    const event = buildErrorEvent({
      error,
      service: "demo",
      release: settings.release,
      environment: settings.environment,
      requestId,
      tags: { kind, page: target.location.pathname },
      request: { url: target.location.href },
    });
    void sendEvent(dsn, event, post, { keepalive: true });
  };
  const onError = (event: ErrorEvent) => send(event.error ?? event.message, "uncaught");
  const onRejection = (event: PromiseRejectionEvent) => send(event.reason, "unhandledrejection");
  target.addEventListener("error", onError);
  target.addEventListener("unhandledrejection", onRejection);
  return () => {
    target.removeEventListener("error", onError);
    target.removeEventListener("unhandledrejection", onRejection);
  };
}
