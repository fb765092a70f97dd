/**
 * Failed credential checks per client address: a partner secret or an API key that does not
 * verify. Each guess would otherwise cost a Convex call and give an attacker unlimited tries;
 * past `FAILED_AUTH_LIMIT` failures in a window the address gets 429 with `Retry-After`, before
 * its credential is looked at. Only failures count, so a busy server with a good key never
 * hits it. In this instance's memory: a guesser spread over instances gets the limit per instance.
 */
import type { Context } from "hono";
import type { HttpBindings } from "@hono/node-server";
import { ApiError } from "./errors";
import { FixedWindowLimiter } from "./rate-limit";

export const FAILED_AUTH_LIMIT = { failures: 10, windowMs: 60_000 } as const;

export type CredentialKind = "partner secret" | "API key";

/**
 * Who is asking. Behind a proxy you control, the header it sets (`CLIENT_IP_HEADER`; for a list
 * such as X-Forwarded-For the last entry, the one that proxy appended): otherwise every client
 * would share the proxy's address, and ten bad guesses would lock everyone out. Without it: on
 * Node the socket's peer address (a header the client sends could be anything), on Workers
 * Cloudflare's `CF-Connecting-IP`, which Cloudflare sets itself.
 */
export function clientAddress(c: Context, trustedHeader?: string): string {
  if (trustedHeader) {
    const value = c.req.header(trustedHeader);
    if (value) return value.split(",").at(-1)!.trim();
  }
  const socket = (c.env as Partial<HttpBindings> | undefined)?.incoming?.socket;
  if (socket) return socket.remoteAddress ?? "unknown";
  return c.req.header("CF-Connecting-IP") ?? "unknown";
}

export class FailedAuthLimiter {
  private readonly window: FixedWindowLimiter;

  constructor(
    now: () => number,
    private readonly limit: number = FAILED_AUTH_LIMIT.failures,
    windowMs: number = FAILED_AUTH_LIMIT.windowMs,
  ) {
    this.window = new FixedWindowLimiter(windowMs, now);
  }

  /** Throws 429 when `address` has failed `kind` checks too often in this window. */
  assertAllowed(kind: CredentialKind, address: string): void {
    const decision = this.window.peek(`${kind}\n${address}`, this.limit);
    if (decision.allowed) return;
    throw new ApiError(
      "RATE_LIMITED",
      `Too many failed ${kind} checks from your address; try again in ${decision.resetSeconds} s.`,
      {
        headers: {
          "Retry-After": String(decision.resetSeconds),
        },
      },
    );
  }

  recordFailure(kind: CredentialKind, address: string): void {
    this.window.hit(`${kind}\n${address}`, this.limit);
  }
}
