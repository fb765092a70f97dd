/**
 * A stand-in for `@clerk/clerk-js` in the browser (Clerk needs its hosted Frontend API, which tests cannot
 * reach): tests/demo-clerk.test.ts aliases the package to this module. It implements only what
 * demo/src/clerk-session.ts calls. Session tokens are real JWTs, minted by the test (`window.__mintClerkToken`,
 * exposed by Playwright) with a key the edge API trusts — or not, to test a refused sign-in. The signed-in user
 * starts as `window.__fakeClerk.user` and survives reloads in sessionStorage, as Clerk's cookie would.
 */
type Listener = (resources: { session?: { id: string } | null; user?: { id: string } | null }) => void;

interface FakeWindow {
  __fakeClerk?: { user: string | null };
  __mintClerkToken?: (userId: string) => Promise<string>;
  __fakeClerkCalls?: string[];
}

const STORED = "fake-clerk-user";
const fake = window as unknown as FakeWindow;

export class Clerk {
  session: { id: string; getToken(): Promise<string | null> } | null = null;
  user: { id: string } | null = null;
  private readonly listeners = new Set<Listener>();

  constructor(readonly publishableKey: string) {
    fake.__fakeClerkCalls = [`new ${publishableKey}`];
  }

  async load(options: Record<string, unknown> = {}): Promise<void> {
    fake.__fakeClerkCalls!.push(`load ${Object.keys(options).sort().join(",")}`);
    const stored = sessionStorage.getItem(STORED);
    this.setUser(stored !== null ? stored || null : (fake.__fakeClerk?.user ?? null));
  }

  addListener(listener: Listener): () => void {
    this.listeners.add(listener);
    listener({ session: this.session, user: this.user });
    return () => this.listeners.delete(listener);
  }

  openSignIn(): void {
    fake.__fakeClerkCalls!.push("openSignIn");
    const dialog = document.createElement("div");
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-label", "Sign in (fake Clerk)");
    const button = document.createElement("button");
    button.textContent = "Continue as user_grace";
    button.addEventListener("click", () => {
      dialog.remove();
      this.setUser("user_grace");
    });
    dialog.append(button);
    document.body.append(dialog);
  }

  mountUserButton(node: HTMLDivElement): void {
    const button = document.createElement("button");
    button.textContent = `Sign out ${this.user?.id}`;
    button.addEventListener("click", () => void this.signOut());
    node.replaceChildren(button);
  }

  unmountUserButton(node: HTMLDivElement): void {
    node.replaceChildren();
  }

  async signOut(): Promise<void> {
    fake.__fakeClerkCalls!.push("signOut");
    this.setUser(null);
  }

  private setUser(userId: string | null): void {
    this.user = userId ? { id: userId } : null;
    this.session = userId ? { id: `sess_${userId}`, getToken: () => fake.__mintClerkToken!(userId) } : null;
    sessionStorage.setItem(STORED, userId ?? "");
    for (const listener of this.listeners) listener({ session: this.session, user: this.user });
  }
}
