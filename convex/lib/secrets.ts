/**
 * Secrets shown once (API keys, partner secret keys): only their SHA-256 is stored.
 * Web Crypto only, so this runs the same in Convex's runtime, convex-local and tests.
 *
 * Why SHA-256 and not a slow password hash: the secrets are 256 random bits, so there is
 * nothing to brute-force, and a plain digest can be looked up through an index.
 */

/** Random bytes per secret: 32 bytes = 43 base64url characters. */
const SECRET_BYTES = 32;
const SECRET_CHARS = 43;

function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** A new secret `<prefix><43 base64url chars>` and its hash. */
export async function newSecret(prefix: string): Promise<{ secret: string; hash: string }> {
  const secret = prefix + base64url(crypto.getRandomValues(new Uint8Array(SECRET_BYTES)));
  return { secret, hash: await sha256Hex(secret) };
}

/** Whether `value` has the shape of a secret with this prefix (checked before any hashing or lookup). */
export function isSecretShaped(value: string, prefix: string): boolean {
  return (
    value.length === prefix.length + SECRET_CHARS &&
    value.startsWith(prefix) &&
    /^[A-Za-z0-9_-]+$/.test(value.slice(prefix.length))
  );
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Compares two hex digests in time that depends only on their length (which is public:
 * every SHA-256 hex digest is 64 characters), never on where they first differ.
 */
export function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * The stored row for a presented secret, or null: malformed secrets are refused before
 * any work, then the row is looked up by the secret's hash through an index and the
 * stored hash is compared in constant time.
 *
 * Why the index lookup does not leak the secret: the index is ordered by SHA-256 digests,
 * not by secrets. Timing can at most tell an attacker how their guess's *digest* sorts
 * against stored digests, and because SHA-256 is preimage-resistant they cannot steer a
 * guess toward a digest prefix, so nothing learned narrows the 2^256 secrets to try. The
 * constant-time comparison afterwards keeps the final equality check from adding a
 * character-by-character timing signal of its own.
 */
export async function findBySecret<Row>(
  secret: string,
  prefix: string,
  lookup: (hash: string) => Promise<Row | null>,
  storedHash: (row: Row) => string,
): Promise<Row | null> {
  if (!isSecretShaped(secret, prefix)) return null;
  const hash = await sha256Hex(secret);
  const row = await lookup(hash);
  return row && timingSafeEqual(storedHash(row), hash) ? row : null;
}
