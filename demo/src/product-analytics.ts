/**
 * Product analytics for Pixorly's own demo site — never for partner pages: the elements do not contain or
 * load this (tests/demo-observability.test.ts checks the bundle). With `POSTHOG_API_KEY` set, the site
 * loads posthog-js and records what the studio's events say about generations: started, completed,
 * failed (the error code), the model chosen — by an allow-list of fields, so no prompt text, image URL or
 * token can be captured, and with autocapture and session recording off and page addresses without queries.
 */

export interface ProductEvent {
  name: "generation_started" | "generation_completed" | "generation_failed" | "model_chosen";
  properties: Record<string, string | number | boolean>;
}

type Detail = Record<string, any>;

/** The product event for one studio event, or null when it is not one we record. */
export function productEventOf(event: Event): ProductEvent | null {
  const detail = ((event as CustomEvent).detail ?? {}) as Detail;
  const str = (value: unknown) => (typeof value === "string" ? value : undefined);
  const props = (entries: Record<string, string | number | boolean | undefined>) =>
    Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined)) as Record<
      string,
      string | number | boolean
    >;
  switch (event.type) {
    case "pixorly-job-created":
      return {
        name: "generation_started",
        properties: props({
          job_id: str(detail.jobId),
          model: str(detail.model) ?? str(detail.request?.model),
          retry: detail.retryOf !== undefined,
        }),
      };
    case "pixorly-job-completed":
      return {
        name: "generation_completed",
        properties: props({
          job_id: str(detail.jobId),
          model: str(detail.job?.model),
          images: Array.isArray(detail.job?.imageIds) ? detail.job.imageIds.length : undefined,
          duration_ms:
            typeof detail.job?.completedAt === "number" && typeof detail.job?.createdAt === "number"
              ? detail.job.completedAt - detail.job.createdAt
              : undefined,
        }),
      };
    case "pixorly-job-failed":
      return {
        name: "generation_failed",
        properties: props({
          job_id: str(detail.jobId),
          model: str(detail.job?.model),
          error_code: str(detail.error?.code) ?? str(detail.job?.error?.code),
        }),
      };
    case "pixorly-model-change": {
      const models = Array.isArray(detail.values) ? detail.values.filter((v: unknown) => typeof v === "string") : [];
      return {
        name: "model_chosen",
        properties: props({ model: str(detail.value) ?? models.join(","), compare: Array.isArray(detail.values) }),
      };
    }
    default:
      return null;
  }
}

export const STUDIO_EVENTS = [
  "pixorly-job-created",
  "pixorly-job-completed",
  "pixorly-job-failed",
  "pixorly-model-change",
] as const;

/** Captures the product events the studio's (bubbling, composed) events describe; answers the stop function. */
export function watchStudio(
  target: EventTarget,
  capture: (name: string, properties: Record<string, unknown>) => void,
): () => void {
  const listener = (event: Event) => {
    const product = productEventOf(event);
    if (product) capture(product.name, product.properties);
  };
  for (const type of STUDIO_EVENTS) target.addEventListener(type, listener);
  return () => {
    for (const type of STUDIO_EVENTS) target.removeEventListener(type, listener);
  };
}

/** Page addresses without their query or fragment, in every property PostHog fills itself. */
export function withoutQueries<T extends { properties?: Record<string, unknown> } | null>(event: T): T {
  if (!event?.properties) return event;
  for (const name of ["$current_url", "$referrer", "$initial_referrer", "$pathname"]) {
    const value = event.properties[name];
    if (typeof value === "string") event.properties[name] = value.replace(/[?#].*$/s, "");
  }
  return event;
}

/** Loads posthog-js (only now: pages without a key never download it) and starts recording. */
export async function startProductAnalytics(
  apiKey: string,
  apiHost: string | undefined,
  target: EventTarget = document,
): Promise<() => void> {
  const { default: posthog } = await import("posthog-js");
  posthog.init(apiKey, {
    api_host: apiHost || "https://us.i.posthog.com",
    autocapture: false,
    capture_pageview: true,
    capture_pageleave: false,
    disable_session_recording: true,
    persistence: "memory",
    before_send: (event) => withoutQueries(event),
  });
  return watchStudio(target, (name, properties) => posthog.capture(name, properties));
}
