/**
 * The demo pages' connection: the official `ConvexClient`, signed in through the page's sign-in
 * (`sign-in.ts`: Clerk when its publishable key is set, otherwise the local user through
 * `POST /v1/dev/token`, local mode only), with tokens fetched again before they expire. URLs come from
 * the page's meta tags, which Vite fills in (`vite.config.ts`), so an overridden port reaches these pages
 * as it reaches the studio.
 */
import { ConvexClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { ConvexError } from "convex/values";
import { signIn } from "./sign-in";

function meta(name: string): string {
  const value = document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content;
  if (!value || value.startsWith("%")) throw new Error(`The page has no ${name} (open it through Vite: npm start).`);
  return value.replace(/\/+$/, "");
}

export const convexUrl = meta("pixorly-convex-url");
export const apiUrl = meta("pixorly-api-url");

/** The signed-in user's current token, for the pages' calls to the edge API (a data export's download link). */
export const userToken = () => signIn().token(false);

export const client = new ConvexClient(convexUrl);
client.setAuth(async ({ forceRefreshToken }) => {
  try {
    return await signIn().token(forceRefreshToken);
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

/**
 * Provisions the signed-in user (first visit) and returns their profile; every page calls it first. It waits
 * for the sign-in, and a failed one rejects with its reason (the page shows it) rather than a bare 401.
 */
export async function ensureUser(): Promise<Profile> {
  try {
    await signIn().token(false);
  } catch (error) {
    // A ConvexError, so the pages' errorMessage() shows its reason instead of a generic "something went wrong".
    throw new ConvexError({ code: "UNAUTHENTICATED", message: error instanceof Error ? error.message : String(error) });
  }
  return client.mutation(makeFunctionReference<"mutation", Record<string, never>, Profile>("users:ensure"), {});
}

export const query = <Args extends Record<string, unknown>, Result>(name: string) =>
  makeFunctionReference<"query", Args, Result>(name);
export const mutation = <Args extends Record<string, unknown>, Result>(name: string) =>
  makeFunctionReference<"mutation", Args, Result>(name);
export const action = <Args extends Record<string, unknown>, Result>(name: string) =>
  makeFunctionReference<"action", Args, Result>(name);
