/**
 * Changing one image's flags and tags through Convex's bulk library mutations. Those skip ids
 * that are not the caller's (a bulk selection may hold stale ids), so for one image "nothing
 * updated" is the same 404 as an unknown id.
 */
import type { ConvexCaller } from "../../../lib/convex";
import { ApiError } from "../../../lib/errors";
import { api } from "../../../lib/convex-api";

export interface ImageUpdate {
  favorite?: boolean;
  isPublic?: boolean;
  tags?: string[];
}

export async function updateImage(
  convex: ConvexCaller,
  id: string,
  { favorite, isPublic, tags }: ImageUpdate,
): Promise<void> {
  const notFound = () => new ApiError("NOT_FOUND", "Image not found.");
  // Tags first: they are the only part Convex may refuse as invalid, so a bad tag changes nothing.
  if (tags !== undefined) await convex.mutation(api.images.setTags, { id, tags });
  if (favorite !== undefined && (await convex.mutation(api.images.setFavorite, { ids: [id], favorite })).updated === 0)
    throw notFound();
  if (
    isPublic !== undefined &&
    (await convex.mutation(api.images.setVisibility, { ids: [id], isPublic })).updated === 0
  )
    throw notFound();
}
