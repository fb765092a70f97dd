/**
 * How the demo site signs its visitor in, behind one small interface so no page knows which is used:
 * Clerk (`@clerk/clerk-js`, first-party accounts) when the page carries a Clerk publishable key (the
 * `pixorly-clerk-publishable-key` meta tag clerk-plugin.ts writes when `CLERK_PUBLISHABLE_KEY` is set),
 * otherwise the offline sign-in as the local user (`POST /v1/dev/token`, local mode only). Either way a
 * page gets Pixorly session tokens for the edge API and Convex, cached until a minute before they expire.
 * Clerk's code (a large module) is only imported when the key is set: offline pages never download it.
 */
import { TokenCache, type IssuedToken } from "./token-cache";

export interface SignIn {
  readonly kind: "offline" | "clerk";
  /** A Pixorly session token, fetched again a minute before it expires. Under Clerk it waits for a signed-in user. */
  token(forceRefresh?: boolean): Promise<string>;
  /** Puts the sign-in button / user button (and sign-in errors) in `container`; nothing offline. */
  mountControls(container: HTMLElement): void;
  /** Signs out of Clerk and forgets the Pixorly token. */
  signOut(): Promise<void>;
}

function meta(name: string): string | undefined {
  return document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content.trim() || undefined;
}

function apiBase(): string {
  const value = meta("pixorly-api-url");
  if (!value || value.startsWith("%"))
    throw new Error("The page has no pixorly-api-url (open it through Vite: npm start).");
  return value.replace(/\/+$/, "");
}

/** The local user through the edge API's dev route (local mode only): no account, no sign-in screen. */
export function offlineSignIn(apiUrl: string, fetchFn: typeof fetch = (...args) => fetch(...args)): SignIn {
  const cache = new TokenCache(async (): Promise<IssuedToken> => {
    const res = await fetchFn(`${apiUrl}/v1/dev/token`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
    if (!res.ok) throw new Error(`The edge API did not sign in the local user (HTTP ${res.status}).`);
    return (await res.json()) as IssuedToken;
  });
  return {
    kind: "offline",
    token: (forceRefresh = false) => cache.get(forceRefresh),
    mountControls: () => {},
    signOut: async () => cache.clear(),
  };
}

/** Clerk, loaded on first use; the interface is ready at once and waits for Clerk inside its calls. */
function lazyClerkSignIn(publishableKey: string, apiUrl: string): SignIn {
  let loaded: Promise<SignIn> | null = null;
  const load = () =>
    (loaded ??= import("./clerk-session").then(({ clerkSignIn }) => clerkSignIn({ publishableKey, apiUrl })));
  return {
    kind: "clerk",
    token: async (forceRefresh = false) => (await load()).token(forceRefresh),
    mountControls: (container) => {
      load().then(
        (signIn) => signIn.mountControls(container),
        (error: unknown) => {
          const alert = document.createElement("p");
          alert.setAttribute("role", "alert");
          alert.textContent = `Sign-in could not load: ${error instanceof Error ? error.message : String(error)}`;
          container.replaceChildren(alert);
        },
      );
    },
    signOut: async () => (await load()).signOut(),
  };
}

/** Whether the page signs in through Clerk (cheap: reads a meta tag, loads nothing). */
export function clerkConfigured(): boolean {
  return meta("pixorly-clerk-publishable-key") !== undefined;
}

function chooseSignIn(): SignIn {
  const clerkKey = meta("pixorly-clerk-publishable-key");
  // Studio-only pages have no pixorly-api-url tag; clerk-plugin.ts writes the edge API's address next to the key.
  return clerkKey
    ? lazyClerkSignIn(clerkKey, meta("pixorly-session-api-url")?.replace(/\/+$/, "") ?? apiBase())
    : offlineSignIn(apiBase());
}

let chosen: SignIn | null = null;

/** The page's sign-in (one per page). */
export function signIn(): SignIn {
  return (chosen ??= chooseSignIn());
}
