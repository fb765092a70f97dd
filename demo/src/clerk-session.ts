/**
 * First-party sign-in through Clerk (`@clerk/clerk-js`, imported here only, so only pages with a Clerk key
 * load it): Clerk's sign-in modal and user button in the nav, and the Clerk session token traded for a
 * Pixorly session token at the edge API (`POST /v1/session/token`, which verifies it with the instance's
 * key and answers a 15-minute token for `clerk:<userId>`), cached until a minute before it expires.
 * A change of user (sign-out, another account) forgets the token and reloads the page, so no page keeps
 * data of the previous user; a token the edge refuses is said in the nav and in the page's error.
 */
import type { SignIn } from "./sign-in";
import { TokenCache, type IssuedToken } from "./token-cache";

/** The few clerk-js members used here (tests pass a fake with just these). */
export interface ClerkLike {
  load(options?: Record<string, unknown>): Promise<void>;
  readonly session: { id: string; getToken(): Promise<string | null> } | null | undefined;
  readonly user: { id: string } | null | undefined;
  addListener(listener: (resources: { session?: { id: string } | null }) => void): () => void;
  openSignIn(props?: Record<string, unknown>): void;
  mountUserButton(node: HTMLDivElement, props?: Record<string, unknown>): void;
  unmountUserButton(node: HTMLDivElement): void;
  signOut(): Promise<void>;
}

export interface ClerkSignInOptions {
  publishableKey: string;
  apiUrl: string;
  /** Builds the Clerk object; default: `new Clerk(publishableKey)` from @clerk/clerk-js. */
  createClerk?: (publishableKey: string) => Promise<ClerkLike>;
  fetch?: typeof fetch;
  now?: () => number;
  /** What a change of signed-in user does once a token was issued; default: reload the page. */
  onUserChange?: () => void;
}

async function clerkJs(publishableKey: string): Promise<ClerkLike> {
  const { Clerk } = await import("@clerk/clerk-js");
  return new Clerk(publishableKey) as unknown as ClerkLike;
}

/** Loads Clerk and answers the sign-in for the page's session module and nav. */
export async function clerkSignIn(options: ClerkSignInOptions): Promise<SignIn> {
  const clerk = await (options.createClerk ?? clerkJs)(options.publishableKey);
  const here = location.href.replace(/#.*$/, "");
  try {
    // Back to the same page after signing in or out (Clerk's default is the site root).
    await clerk.load({ signInFallbackRedirectUrl: here, signUpFallbackRedirectUrl: here, afterSignOutUrl: here });
  } catch (error) {
    throw new Error(
      `Clerk did not load (${error instanceof Error ? error.message : String(error)}). Check CLERK_PUBLISHABLE_KEY.`,
      { cause: error },
    );
  }
  return new ClerkSession(clerk, options);
}

class ClerkSession implements SignIn {
  readonly kind = "clerk" as const;
  private readonly cache: TokenCache;
  private readonly fetchFn: typeof fetch;
  private readonly renders = new Set<() => void>();
  private waiters: (() => void)[] = [];
  private sessionId: string | null;
  /** The Clerk session the cached token was issued for. */
  private issuedFor: string | null = null;
  private error: string | null = null;
  private askedToSignIn = false;

  constructor(
    private readonly clerk: ClerkLike,
    private readonly options: ClerkSignInOptions,
  ) {
    this.fetchFn = options.fetch ?? ((...args) => fetch(...args));
    this.cache = new TokenCache(() => this.exchange(), options.now);
    this.sessionId = clerk.session?.id ?? null;
    clerk.addListener(({ session }) => this.sessionChanged(session?.id ?? null));
  }

  async token(forceRefresh = false): Promise<string> {
    try {
      return await this.cache.get(forceRefresh);
    } catch (error) {
      this.setError(error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  mountControls(container: HTMLElement): void {
    const slot = document.createElement("div");
    const alert = document.createElement("p");
    alert.setAttribute("role", "alert");
    alert.className = "sign-in-error";
    let mounted: HTMLDivElement | null = null;
    const render = () => {
      alert.textContent = this.error ?? "";
      alert.hidden = !this.error;
      if (this.clerk.user && this.clerk.session) {
        if (mounted) return;
        mounted = document.createElement("div");
        mounted.className = "user-button";
        slot.replaceChildren(mounted);
        this.clerk.mountUserButton(mounted);
      } else {
        if (mounted) this.clerk.unmountUserButton(mounted);
        mounted = null;
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = "Sign in";
        button.addEventListener("click", () => this.clerk.openSignIn());
        slot.replaceChildren(button);
      }
    };
    this.renders.add(render);
    container.replaceChildren(slot, alert);
    render();
  }

  async signOut(): Promise<void> {
    this.cache.clear();
    this.issuedFor = null;
    await this.clerk.signOut();
  }

  /** Clerk's session token (waiting for a sign-in, with Clerk's modal opened once) traded for a Pixorly token. */
  private async exchange(): Promise<IssuedToken> {
    const session = await this.signedInSession();
    const clerkToken = await session.getToken();
    if (!clerkToken) throw new Error("Clerk gave no session token: sign in again.");
    let res: Response;
    try {
      res = await this.fetchFn(`${this.options.apiUrl}/v1/session/token`, {
        method: "POST",
        headers: { Authorization: `Bearer ${clerkToken}` },
      });
    } catch {
      throw new Error(`Could not reach the Pixorly API at ${this.options.apiUrl} to sign in.`);
    }
    const body = (await res.json().catch(() => ({}))) as Partial<IssuedToken> & { message?: string };
    if (!res.ok || typeof body.token !== "string" || typeof body.expiresAt !== "number") {
      const reason = typeof body.message === "string" ? body.message : `HTTP ${res.status}`;
      throw new Error(`Pixorly did not accept your Clerk sign-in: ${reason}`);
    }
    this.issuedFor = session.id;
    this.setError(null);
    return { token: body.token, expiresAt: body.expiresAt };
  }

  private signedInSession(): Promise<NonNullable<ClerkLike["session"]>> {
    const session = this.clerk.session;
    if (session) return Promise.resolve(session);
    if (!this.askedToSignIn) {
      this.askedToSignIn = true;
      this.clerk.openSignIn();
    }
    return new Promise<void>((resolve) => this.waiters.push(resolve)).then(() => this.signedInSession());
  }

  private sessionChanged(sessionId: string | null): void {
    if (sessionId === this.sessionId) return;
    this.sessionId = sessionId;
    this.cache.clear();
    this.setError(null);
    if (this.issuedFor !== null && this.issuedFor !== sessionId) {
      this.issuedFor = null;
      (this.options.onUserChange ?? (() => location.reload()))();
      return;
    }
    if (sessionId) {
      const waiters = this.waiters;
      this.waiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private setError(message: string | null): void {
    this.error = message;
    for (const render of this.renders) render();
  }
}
