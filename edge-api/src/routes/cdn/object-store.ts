/**
 * Reads image objects for the CDN route: S3 in production, s3rver offline (same SDK, custom
 * endpoint, path-style addressing), exactly as the pipeline wrote them.
 */
import { GetObjectCommand, HeadObjectCommand, NoSuchKey, S3Client } from "@aws-sdk/client-s3";
import type { EdgeConfig } from "../../env";

export interface ImageObject {
  body: Uint8Array;
  contentType?: string;
  /** S3's ETag of the object, to tell a replaced object from the one a cached variant was made from. */
  etag?: string;
}

/** What the CDN route needs of object storage; tests pass a map-backed one. */
export interface ImageObjectReader {
  /** The object, or null when there is none under `key`. */
  get(key: string): Promise<ImageObject | null>;
  /** The object's ETag ("" when S3 gives none) without its body, or null when there is no object under `key`. */
  head(key: string): Promise<string | null>;
}

export function s3ObjectReader(s3: EdgeConfig["s3"]): ImageObjectReader {
  const client = new S3Client({
    region: s3.region,
    ...(s3.endpoint ? { endpoint: s3.endpoint, forcePathStyle: true } : {}),
    ...(s3.accessKeyId && s3.secretAccessKey
      ? { credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } }
      : {}),
  });
  return {
    async get(key) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
        if (!object.Body) return null;
        return {
          body: await object.Body.transformToByteArray(),
          contentType: object.ContentType,
          etag: object.ETag ?? "",
        };
      } catch (error) {
        if (error instanceof NoSuchKey || isNotFound(error)) return null;
        throw error;
      }
    },
    async head(key) {
      try {
        return (await client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key }))).ETag ?? "";
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
  };
}

/**
 * A 404 from S3 even when its XML error body could not be read: Workers have no `DOMParser`,
 * so there the SDK fails to deserialize the error but keeps the HTTP response on it.
 */
function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number }; $response?: { statusCode?: number } };
  return e?.name === "NoSuchKey" || e?.$metadata?.httpStatusCode === 404 || e?.$response?.statusCode === 404;
}
