/**
 * Error monitoring and product analytics for the demo site, only when configured: with `SENTRY_DSN`
 * and/or `POSTHOG_API_KEY` in the environment of `npm start` / `vite build`, every page gets meta tags with
 * those settings and the `src/observability.ts` module; without them the pages carry nothing of either (no
 * script, no request to a monitoring host). Partner pages never get this: it is the demo site's, not the
 * elements'. A Sentry DSN and a PostHog project key are public by design (they only allow sending events).
 */
import type { HtmlTagDescriptor, Plugin } from "vite";

export function observability(env: Record<string, string | undefined> = process.env): Plugin {
  const settings: Record<string, string | undefined> = {
    "pixorly-sentry-dsn": env.SENTRY_DSN?.trim(),
    "pixorly-release": env.SENTRY_RELEASE?.trim(),
    "pixorly-environment": env.SENTRY_ENVIRONMENT?.trim() || (env.SENTRY_DSN ? "local" : undefined),
    "pixorly-posthog-key": env.POSTHOG_API_KEY?.trim(),
    "pixorly-posthog-host": env.POSTHOG_HOST?.trim(),
  };
  const enabled = Boolean(settings["pixorly-sentry-dsn"] || settings["pixorly-posthog-key"]);
  return {
    name: "pixorly-observability",
    transformIndexHtml: () => {
      if (!enabled) return [];
      const tags: HtmlTagDescriptor[] = Object.entries(settings)
        .filter(([, content]) => content)
        .map(([name, content]) => ({ tag: "meta", attrs: { name, content: content! }, injectTo: "head" }));
      tags.push({ tag: "script", attrs: { type: "module", src: "/src/observability.ts" }, injectTo: "head" });
      return tags;
    },
  };
}
