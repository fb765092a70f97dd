/** Where the studio gets its JWTs: a partner callback, or a URL it POSTs to. */
export type TokenProvider = () => Promise<string>;

/** The `exp` claim of a JWT in milliseconds, or null when the token is not a readable JWT. */
export function tokenExpiry(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '=');
    const claims = JSON.parse(atob(base64)) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : null;
  } catch {
    return null;
  }
}

/** A provider that POSTs to `url` (a partner's endpoint or the edge API's dev sign-in) and reads `{ token }`. */
export function tokenFromUrl(url: string, fetchFn: typeof fetch = fetch): TokenProvider {
  return async () => {
    const response = await fetchFn(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: '{}',
    });
    if (!response.ok) throw new Error(`The token URL answered ${response.status} ${response.statusText}`.trim());
    const body = (await response.json().catch(() => null)) as { token?: unknown } | null;
    if (!body || typeof body.token !== 'string' || body.token === '') {
      throw new Error('The token URL did not return { "token": "…" }');
    }
    return body.token;
  };
}
