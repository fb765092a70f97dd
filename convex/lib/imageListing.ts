/**
 * Listing and searching a user's images with filters. Each listing reads ONE index range chosen
 * by its most selective filter (collection, then tag, then favorite, then model), with the date
 * range as the range's last field; the other filters narrow that same range inside the query, so
 * pages come back full and cursors stay valid. Only a tag AND a collection together, and search
 * (which ranks by relevance, not by an index), filter a page after reading it.
 */
import { normalizeTag } from "@pixorly/core";
import type { PaginationOptions, PaginationResult } from "convex/server";
import { v, type Infer } from "convex/values";
import type { Doc } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { rowOf } from "./collectionMembers";
import { fail } from "./errors";
import { InputIssues } from "./inputs";
import { ownCollection } from "./ownership";
import { checkPaginationOpts, paginateChecked } from "./pagination";

export const imageFilterArgs = {
  model: v.optional(v.string()),
  /** Creation time bounds in ms, both inclusive. */
  from: v.optional(v.number()),
  to: v.optional(v.number()),
  tag: v.optional(v.string()),
  /** Only favorites (there is no "only non-favorites" filter). */
  favorite: v.optional(v.literal(true)),
  collectionId: v.optional(v.string()),
};
const filterObject = v.object(imageFilterArgs);
export type ImageFilters = Infer<typeof filterObject>;

type Page = PaginationResult<Doc<"images">>;
const EMPTY: Page = { page: [], isDone: true, continueCursor: "" };

// Typed loosely on purpose: Convex types each index's range builder separately, and this is only
// ever handed a builder whose next field is a creation time.
type RangeBuilder = {
  gte(field: string, value: number): RangeBuilder;
  lte(field: string, value: number): RangeBuilder;
};
function dated<B>(builder: B, field: string, { from, to }: ImageFilters): B {
  let range = builder as unknown as RangeBuilder;
  if (from !== undefined) range = range.gte(field, from);
  if (to !== undefined) range = range.lte(field, to);
  return range as unknown as B;
}

async function joined(
  ctx: QueryCtx,
  page: PaginationResult<{ imageId: Doc<"images">["_id"] }>,
  keep: (image: Doc<"images">) => boolean,
) {
  const images = await Promise.all(page.page.map((row) => ctx.db.get(row.imageId)));
  return { ...page, page: images.filter((image): image is Doc<"images"> => image !== null && keep(image)) };
}

/**
 * The filters' own checks: finite dates (NaN would make an index range that matches nothing and
 * says so nowhere) and a tag that is not blank once normalised. Returns the normalised tag.
 */
function checkFilters({ from, to, tag }: ImageFilters): string | undefined {
  const issues = new InputIssues();
  if (from !== undefined && !Number.isFinite(from)) issues.add("from", "A time in milliseconds");
  if (to !== undefined && !Number.isFinite(to)) issues.add("to", "A time in milliseconds");
  const normalized = tag === undefined ? undefined : normalizeTag(tag);
  if (normalized === "") issues.add("tag", "Tag must not be blank");
  issues.throwIfAny();
  return normalized;
}

/** The collection named by a filter, or NOT_FOUND (someone else's collection looks like none). */
async function filterCollection(ctx: QueryCtx, user: Doc<"users"> | null, filters: ImageFilters) {
  if (filters.collectionId === undefined) return null;
  const collection = await ownCollection(ctx, user, filters.collectionId);
  return collection ?? fail("NOT_FOUND", "Collection not found.");
}

export async function listImages(
  ctx: QueryCtx,
  user: Doc<"users"> | null,
  filters: ImageFilters,
  sort: "newest" | "oldest",
  opts: PaginationOptions,
): Promise<Page> {
  checkPaginationOpts(opts);
  const tag = checkFilters(filters);
  const collection = await filterCollection(ctx, user, filters);
  if (!user) return EMPTY;
  const order = sort === "oldest" ? "asc" : "desc";
  const { model, favorite } = filters;
  if (collection) {
    const rows = ctx.db
      .query("collectionImages")
      .withIndex("by_collection_time", (q) => dated(q.eq("collectionId", collection._id), "imageCreatedAt", filters))
      .order(order)
      .filter((q) =>
        q.and(
          model === undefined || q.eq(q.field("model"), model),
          favorite === undefined || q.eq(q.field("favorite"), true),
        ),
      );
    return await joined(
      ctx,
      await paginateChecked(rows, opts),
      (image) => tag === undefined || (image.tags ?? []).includes(tag),
    );
  }
  if (tag !== undefined) {
    const rows = ctx.db
      .query("imageTags")
      .withIndex("by_user_tag", (q) => dated(q.eq("userId", user._id).eq("tag", tag), "imageCreatedAt", filters))
      .order(order)
      .filter((q) =>
        q.and(
          model === undefined || q.eq(q.field("model"), model),
          favorite === undefined || q.eq(q.field("favorite"), true),
        ),
      );
    return await joined(ctx, await paginateChecked(rows, opts), () => true);
  }
  const images = favorite
    ? ctx.db
        .query("images")
        .withIndex("by_user_favorite", (q) =>
          dated(q.eq("userId", user._id).eq("favorite", true), "_creationTime", filters),
        )
        .order(order)
        .filter((q) => model === undefined || q.eq(q.field("model"), model))
    : model !== undefined
      ? ctx.db
          .query("images")
          .withIndex("by_user_model", (q) =>
            dated(q.eq("userId", user._id).eq("model", model), "_creationTime", filters),
          )
          .order(order)
      : ctx.db
          .query("images")
          .withIndex("by_user", (q) => dated(q.eq("userId", user._id), "_creationTime", filters))
          .order(order);
  return await paginateChecked(images, opts);
}

/** Characters of a search that are used (Convex also caps the number of terms). */
const MAX_SEARCH_CHARS = 200;

/** The user's images whose prompt matches `text`, by relevance, with the listing's filters. */
export async function searchImages(
  ctx: QueryCtx,
  user: Doc<"users"> | null,
  text: string,
  filters: ImageFilters,
  opts: PaginationOptions,
): Promise<Page> {
  checkPaginationOpts(opts);
  const tag = checkFilters(filters);
  const collection = await filterCollection(ctx, user, filters);
  if (!user || text.trim() === "") return EMPTY;
  const { model, favorite, from, to } = filters;
  const results = ctx.db
    .query("images")
    .withSearchIndex("search_prompt", (q) => {
      const mine = q.search("prompt", text.slice(0, MAX_SEARCH_CHARS)).eq("userId", user._id);
      const ofModel = model === undefined ? mine : mine.eq("model", model);
      return favorite === undefined ? ofModel : ofModel.eq("favorite", true);
    })
    .filter((q) =>
      q.and(
        from === undefined || q.gte(q.field("_creationTime"), from),
        to === undefined || q.lte(q.field("_creationTime"), to),
      ),
    );
  const page = await paginateChecked(results, opts);
  const kept: Doc<"images">[] = [];
  for (const image of page.page) {
    if (tag !== undefined && !(image.tags ?? []).includes(tag)) continue;
    if (collection && !(await rowOf(ctx, collection._id, image._id))) continue;
    kept.push(image);
  }
  return { ...page, page: kept };
}
