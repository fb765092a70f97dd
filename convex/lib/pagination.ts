/**
 * Pagination options from outside: Convex's validator lets any number through (`NaN` gave an empty
 * page with `isDone: false`, a loop for a naive pager) and an unparseable cursor failed as an
 * internal error. Every paginated function goes through `paginateChecked`.
 */
import { PAGINATION_LIMITS } from "@pixorly/core";
import type { OrderedQuery, PaginationOptions, PaginationResult } from "convex/server";
import type { GenericTableInfo } from "convex/server";
import { fail } from "./errors";

const { min, max } = PAGINATION_LIMITS.numItems;

/** Refuses page sizes that are not a whole number from 1 to 200 (INVALID_ARGUMENT naming `numItems`). */
export function checkPaginationOpts(opts: PaginationOptions) {
  if (!Number.isInteger(opts.numItems) || opts.numItems < min || opts.numItems > max) {
    fail("INVALID_ARGUMENT", `numItems must be a whole number from ${min} to ${max}.`, [
      { field: "paginationOpts.numItems", message: `A whole number from ${min} to ${max}` },
    ]);
  }
}

/** `query.paginate(opts)` after checking `opts`; a cursor the database cannot read is INVALID_ARGUMENT naming `cursor`. */
export async function paginateChecked<T extends GenericTableInfo>(
  query: OrderedQuery<T>,
  opts: PaginationOptions,
): Promise<PaginationResult<T["document"]>> {
  checkPaginationOpts(opts);
  try {
    return await query.paginate(opts);
  } catch (error) {
    // Only a cursor we were given can be at fault; anything else stays an internal error.
    if (opts.cursor === null) throw error;
    return fail("INVALID_ARGUMENT", "cursor is not a cursor this list returned.", [
      { field: "paginationOpts.cursor", message: "Use null or a continueCursor from a previous page" },
    ]);
  }
}
