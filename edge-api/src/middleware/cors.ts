/**
 * CORS only for origins Pixorly knows: every partner's allowed origins (from Convex, cached)
 * and `CORS_ORIGINS` (Pixorly's own sites; the local demo origins offline). Tokens travel in
 * `Authorization`, never in cookies, so credentials stay off. Responses vary by `Origin`, so
 * every response says so; the `Access-Control-*` headers go only to allowed origins.
 */
import type { PartnerOrigins } from "../lib/partner-origins";

const EXPOSE_HEADERS = [
  "X-Request-Id",
  "RateLimit-Limit",
  "RateLimit-Remaining",
  "RateLimit-Reset",
  "RateLimit-Policy",
  "Retry-After",
].join(",");
const PREFLIGHT_HEADERS: readonly (readonly [string, string])[] = [
  ["Access-Control-Allow-Methods", "GET,HEAD,POST,DELETE,OPTIONS"],
  ["Access-Control-Allow-Headers", "Authorization,Content-Type,X-Request-Id"],
  ["Access-Control-Max-Age", "600"],
];

export class PartnerCors {
  private readonly fixed: Set<string>;

  constructor(
    fixedOrigins: readonly string[],
    private readonly partners: PartnerOrigins,
  ) {
    this.fixed = new Set(fixedOrigins);
  }

  /** The origin to allow for a request's `Origin`, or null; a promise only while the partner list reloads. */
  allowedOrigin(origin: string | undefined): string | null | Promise<string | null> {
    if (!origin) return null;
    if (this.fixed.has(origin)) return origin;
    const partner = this.partners.has(origin);
    return typeof partner === "boolean" ? (partner ? origin : null) : partner.then((yes) => (yes ? origin : null));
  }
}

/** Adds the CORS headers of one response (`preflight`: the answer to an `OPTIONS` request). */
export function setCorsHeaders(headers: Headers, allowedOrigin: string | null, preflight: boolean): void {
  headers.append("Vary", "Origin");
  if (!allowedOrigin) return;
  headers.set("Access-Control-Allow-Origin", allowedOrigin);
  headers.set("Access-Control-Expose-Headers", EXPOSE_HEADERS);
  if (preflight) for (const [name, value] of PREFLIGHT_HEADERS) headers.set(name, value);
}
