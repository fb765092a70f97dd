/**
 * Convex's HTTP query endpoint (`POST <convex-url>/api/query`), answered by an in-memory
 * backend: `<pixorly-collection-view>` reads a share page over it without a client. Only
 * requests to the story's made-up deployment URL are answered; every other fetch goes out as usual.
 */
import type { InMemoryBackend } from "./backend.js";

/** A deployment URL no network answers: a request that escaped the stub fails loudly. */
export const IN_MEMORY_CONVEX_URL = "https://in-memory.convex.invalid";

export type PublicHttpMode = "live" | "loading" | "error";

/** Serves `backend` at `IN_MEMORY_CONVEX_URL` until the returned function is called. */
export function servePublicQueries(backend: InMemoryBackend, mode: PublicHttpMode = "live"): () => void {
  const original = window.fetch;
  const stub: typeof fetch = async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(`${IN_MEMORY_CONVEX_URL}/api/query`)) return original(input, init);
    if (mode === "loading") return new Promise<Response>(() => {});
    await new Promise((resolve) => setTimeout(resolve, 60));
    if (mode === "error") return Response.json({ status: "error", errorMessage: "Server error" }, { status: 500 });
    const { path, args } = JSON.parse(String(init?.body)) as { path: string; args: [Record<string, unknown>] };
    return Response.json({ status: "success", value: backend.query(path, args[0]) });
  };
  window.fetch = stub;
  return () => {
    if (window.fetch === stub) window.fetch = original;
  };
}
