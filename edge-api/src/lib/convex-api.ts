/**
 * The Convex functions the edge API calls, typed from the backend itself (`convex/_generated/api`):
 * arguments and results follow the Convex validators, so a change there that the edge API does not
 * follow fails the type check instead of a request. At run time this is Convex's `anyApi` (a path
 * builder), so nothing of the backend is bundled into the Worker.
 */
export { api, internal } from "../../../convex/_generated/api.js";
import type { Id, TableNames } from "../../../convex/_generated/dataModel.js";

/**
 * Ids from a request body, as the Convex function's `v.id(table)` argument: Convex checks their form
 * and the functions answer a malformed or foreign id exactly as an unknown one.
 */
export function idsOf<T extends TableNames>(_table: T, ids: readonly string[]): Id<T>[] {
  return ids as Id<T>[];
}
