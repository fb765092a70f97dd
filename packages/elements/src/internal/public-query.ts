/**
 * One Convex query over HTTP, without sign-in, for share pages. `ConvexHttpClient` would do
 * it, but it shares modules with the socket client and, with code splitting, grew the first
 * paint's chunk by ~7 KB; this is the same request (`POST /api/query`). The arguments and
 * results here are plain JSON (strings, numbers, null), which Convex's encoding leaves as they are.
 */
import type { FunctionArgs, FunctionReference, FunctionReturnType } from "convex/server";
import { functionName } from "../client/api.js";

export async function publicQuery<Q extends FunctionReference<"query">>(
  convexUrl: string,
  query: Q,
  args: FunctionArgs<Q>,
  fetchFn: typeof fetch = fetch,
): Promise<FunctionReturnType<Q>> {
  const response = await fetchFn(`${convexUrl.replace(/\/$/, "")}/api/query`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ path: functionName(query), format: "convex_encoded_json", args: [args] }),
  });
  const body = (await response.json().catch(() => null)) as { status?: string; value?: unknown } | null;
  if (!response.ok || body?.status !== "success") throw new Error(`The query failed (${response.status}).`);
  return body.value as FunctionReturnType<Q>;
}
