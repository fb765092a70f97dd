/**
 * Delivery URLs for images the REST API hands out, signed exactly as `/v1/images/urls` signs them
 * (`cdn/image-url.ts`): one signer and one expiry rule for every way an image leaves the API.
 */
import { imageUrlFor, type ImageUrl } from "../../../cdn/image-url";
import type { AppServices } from "../../../lib/context";

/** The URL (signed unless public) and its expiry for one stored image. */
export function imageUrlOf(services: AppServices, image: { s3Key: string; isPublic?: boolean }): Promise<ImageUrl> {
  return imageUrlFor(
    { s3Key: image.s3Key, isPublic: image.isPublic ?? false },
    { cdnBaseUrl: services.config.cdnBaseUrl, signer: services.imageSigner, now: services.deps.now() },
  );
}
