/**
 * The Content-Security-Policy of `/docs`. The page is Scalar's HTML: one external script (our
 * bundle offline, Scalar's CDN on Workers) and one inline script that starts it. The inline
 * script is allowed by its SHA-256 (not `'unsafe-inline'`), so markup that reached the page any
 * other way cannot run; everything else is limited to what the reference needs: the OpenAPI
 * document and "try it" calls to this API, and the styles Scalar injects at runtime.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../../lib/context";

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;

async function sha256Source(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  let binary = "";
  for (const byte of digest) binary += String.fromCharCode(byte);
  return `'sha256-${btoa(binary)}'`;
}

/** The policy for one docs page: its inline scripts by hash, `scriptOrigin` for the bundle if it is not ours. */
export async function docsPolicy(html: string, apiOrigin: string, scriptOrigin?: string): Promise<string> {
  const hashes = await Promise.all([...html.matchAll(INLINE_SCRIPT)].map((m) => sha256Source(m[1]!)));
  return [
    "default-src 'none'",
    `script-src 'self' ${[scriptOrigin, ...hashes].filter(Boolean).join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ${apiOrigin}`,
    "worker-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Adds the policy to the page the next handler renders; the page never changes, so it is worked out once. */
export function docsCsp(apiOrigin: string, scriptOrigin?: string): MiddlewareHandler<AppEnv> {
  let policy: Promise<string> | undefined;
  return async (c, next) => {
    await next();
    if (c.res.status !== 200) return;
    policy ??= c.res
      .clone()
      .text()
      .then((html) => docsPolicy(html, apiOrigin, scriptOrigin));
    c.res.headers.set("Content-Security-Policy", await policy);
  };
}
