/**
 * The demo pages' connection: the official `ConvexClient`, signed in as the local user the studio
 * on index.html uses (`POST /v1/dev/token` on the edge API, local mode only), with tokens fetched
 * again before they expire. URLs come from the page's meta tags, which Vite fills in
 * (`vite.config.ts`), so an overridden port reaches these pages as it reaches the studio.
 */
import { ConvexClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";

function meta(name: string): string {
  const value = document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content;
  if (!value || value.startsWith("%")) throw new Error(`The page has no ${name} (open it through Vite: npm start).`);
  return value.replace(/\/+$/, "");
}

export const convexUrl = meta("pixorly-convex-url");
export const apiUrl = meta("pixorly-api-url");

/** A cached token until a minute before it expires (tokens live 15 minutes). */
let cached: { token: string; expiresAt: number } | null = null;

async function devToken(forceRefresh: boolean): Promise<string> {
  if (!forceRefresh && cached && cached.expiresAt - Date.now() > 60_000) return cached.token;
  const res = await fetch(`${apiUrl}/v1/dev/token`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
  if (!res.ok) throw new Error(`The edge API did not sign in the local user (HTTP ${res.status}).`);
  cached = (await res.json()) as { token: string; expiresAt: number };
  return cached.token;
}

export const client = new ConvexClient(convexUrl);
client.setAuth(async ({ forceRefreshToken }) => {
  try {
    return await devToken(forceRefreshToken);
  } catch {
    // Null signs the client out; the page's calls then fail with an error the page shows.
    return null;
  }
});

export interface Profile {
  userId: string;
  plan: string;
  credits: number;
  storageUsed: number;
}

/** Provisions the local user (first visit) and returns their profile; every page calls it first. */
export function ensureUser(): Promise<Profile> {
  return client.mutation(makeFunctionReference<"mutation", Record<string, never>, Profile>("users:ensure"), {});
}

export const query = <Args extends Record<string, unknown>, Result>(name: string) => makeFunctionReference<"query", Args, Result>(name);
export const mutation = <Args extends Record<string, unknown>, Result>(name: string) => makeFunctionReference<"mutation", Args, Result>(name);
export const action = <Args extends Record<string, unknown>, Result>(name: string) => makeFunctionReference<"action", Args, Result>(name);
