/**
 * Starts the demo site's error monitoring and product analytics from the meta tags
 * observability-plugin.ts writes into each page when `SENTRY_DSN` / `POSTHOG_API_KEY` are set.
 */
import { startErrorMonitoring } from "./error-monitoring";
import { startProductAnalytics } from "./product-analytics";

const meta = (name: string) =>
  document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content.trim() || undefined;

const dsn = meta("pixorly-sentry-dsn");
if (dsn) startErrorMonitoring({ dsn, release: meta("pixorly-release"), environment: meta("pixorly-environment") });

const posthogKey = meta("pixorly-posthog-key");
if (posthogKey) void startProductAnalytics(posthogKey, meta("pixorly-posthog-host"));
