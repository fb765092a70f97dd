/** Convex's pagination over an array: the cursor is the offset where the next page starts. */
export type PageOpts = { numItems: number; cursor: string | null };

export function paginate<T>(items: T[], { numItems, cursor }: PageOpts) {
  const start = cursor ? Number(cursor) : 0;
  const end = start + numItems;
  return {
    page: items.slice(start, end),
    isDone: end >= items.length,
    continueCursor: String(Math.min(end, items.length)),
  };
}
