/**
 * The security headers on every response: hono's `secureHeaders()` defaults, except that
 * `Cross-Origin-Resource-Policy` is `cross-origin` because images and the JSON API are read
 * from partner pages (CORS still decides who may read API responses from script).
 *
 * A fixed list, written out rather than built by the middleware per request: it is the policy
 * a reviewer should see, and the root middleware sets it in one pass (see `root.ts`).
 */
export const SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  ["Cross-Origin-Resource-Policy", "cross-origin"],
  ["Cross-Origin-Opener-Policy", "same-origin"],
  ["Origin-Agent-Cluster", "?1"],
  ["Referrer-Policy", "no-referrer"],
  ["Strict-Transport-Security", "max-age=15552000; includeSubDomains"],
  ["X-Content-Type-Options", "nosniff"],
  ["X-DNS-Prefetch-Control", "off"],
  ["X-Download-Options", "noopen"],
  ["X-Frame-Options", "SAMEORIGIN"],
  ["X-Permitted-Cross-Domain-Policies", "none"],
  ["X-XSS-Protection", "0"],
];
