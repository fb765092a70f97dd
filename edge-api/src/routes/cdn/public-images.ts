/**
 * Which object keys are public images. A public image has a stable unsigned URL, so the CDN
 * route cannot learn visibility from the URL: it asks Convex, which owns `images.isPublic`,
 * through the service identity, and keeps each answer for a minute so a popular public image
 * costs one Convex call a minute, not one per request.
 *
 * Fail closed: when Convex cannot answer, the object is treated as private (403), never served.
 */
import { api } from "../../lib/convex-api";
import type { ConvexGateway } from "../../lib/convex";
import { describeError, type Logger } from "../../lib/logger";

/** Service query (owned by the backend): true when an image stored under `s3Key` is public. */
export const imagesIsPublicObject = api.images.isPublicObject;

export interface PublicImageLookup {
  isPublic(s3Key: string): Promise<boolean>;
}

/** How long an answer is kept: making an image private takes effect here within this time. */
export const VISIBILITY_CACHE_MS = 60_000;
const VISIBILITY_CACHE_MAX = 10_000;

export function convexPublicImages(convex: ConvexGateway, now: () => number, logger: Logger): PublicImageLookup {
  const answers = new Map<string, { isPublic: boolean; at: number }>();
  return {
    async isPublic(s3Key) {
      const hit = answers.get(s3Key);
      if (hit && now() - hit.at < VISIBILITY_CACHE_MS) return hit.isPublic;
      let isPublic: boolean;
      try {
        isPublic = (await (await convex.asService()).query(imagesIsPublicObject, { s3Key })) === true;
      } catch (error) {
        logger({
          level: "warn",
          msg: "image visibility lookup failed; treating the object as private",
          s3Key,
          ...describeError(error),
        });
        return false;
      }
      if (answers.size >= VISIBILITY_CACHE_MAX) answers.clear();
      answers.set(s3Key, { isPublic, at: now() });
      return isPublic;
    },
  };
}
