/** Where the studio gets its JWTs: a partner callback, or a URL it POSTs to. */
export type TokenProvider = () => Promise<string>;

/** The claims of a JWT (its payload, unverified: only for what the UI may show), or null when it is not one. */
export function tokenClaims(token: string): Record<string, unknown> | null {
  const payload = token.split(".")[1];
  if (!payload) return null;
  try {
    const base64 = payload
      .replace(/-/g, "+")
      .replace(/_/g, "/")
      .padEnd(Math.ceil(payload.length / 4) * 4, "=");
    const claims = JSON.parse(atob(base64)) as unknown;
    return claims && typeof claims === "object" ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The `exp` claim of a JWT in milliseconds, or null when the token is not a readable JWT. */
export function tokenExpiry(token: string): number | null {
  const exp = tokenClaims(token)?.exp;
  return typeof exp === "number" ? exp * 1000 : null;
}

/**
 * The token URL answered an error status. A 4xx other than 408/429 is the page's configuration
 * (wrong URL, a route that refuses the visitor): asking again would get the same answer.
 */
export class TokenUrlError extends Error {
  constructor(
    readonly status: number,
    statusText: string,
  ) {
    super(`The token URL answered ${status} ${statusText}`.trim());
    this.name = "TokenUrlError";
  }

  get permanent(): boolean {
    return this.status >= 400 && this.status < 500 && this.status !== 408 && this.status !== 429;
  }
}

/** A provider that POSTs to `url` (a partner's endpoint or the edge API's dev sign-in) and reads `{ token }`. */
export function tokenFromUrl(url: string, fetchFn: typeof fetch = fetch): TokenProvider {
  return async () => {
    const response = await fetchFn(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: "{}",
    });
    if (!response.ok) throw new TokenUrlError(response.status, response.statusText);
    const body = (await response.json().catch(() => null)) as { token?: unknown } | null;
    if (!body || typeof body.token !== "string" || body.token === "") {
      throw new Error('The token URL did not return { "token": "…" }');
    }
    return body.token;
  };
}
