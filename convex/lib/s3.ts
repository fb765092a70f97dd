/**
 * Image storage in S3. With `AWS_*` variables set this is AWS; offline it is
 * s3rver on 127.0.0.1:4569 (same SDK, path-style, fixed local credentials).
 */
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  type StorageClass,
} from "@aws-sdk/client-s3";

export type S3Settings = { bucket: string; client: S3Client };

const LOCAL_ENDPOINT = "http://127.0.0.1:4569";

/** AWS itself: credentials and no custom endpoint (s3rver, MinIO, R2 … are named by `S3_ENDPOINT`). */
function onAws(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY && !env.S3_ENDPOINT);
}

export function s3Settings(): S3Settings {
  const env = process.env;
  const endpoint = onAws(env) ? undefined : (env.S3_ENDPOINT ?? LOCAL_ENDPOINT);
  const client = new S3Client({
    region: env.AWS_REGION ?? "us-east-1",
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? "S3RVER",
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? "S3RVER",
    },
    maxAttempts: 2,
  });
  return { bucket: env.S3_BUCKET ?? "pixorly-images", client };
}

export function imageKey(userId: string, jobId: string, n: number, ext: string) {
  return `images/${userId}/${jobId}/${n}.${ext}`;
}

export async function putImage(s3: S3Settings, key: string, bytes: Uint8Array, contentType: string) {
  await s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: bytes, ContentType: contentType }));
}

/** An object's bytes (a job's input image); throws when it cannot be read. */
export async function getObjectBytes(s3: S3Settings, key: string): Promise<Uint8Array> {
  const object = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
  if (!object.Body) throw new Error(`S3 object ${key} has no body`);
  return await object.Body.transformToByteArray();
}

export async function deleteImages(s3: S3Settings, keys: string[]) {
  await Promise.allSettled(keys.map((Key) => s3.client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key }))));
}

/**
 * The storage class archived images move to (`archival.ts`): `S3_ARCHIVE_STORAGE_CLASS` when set
 * ("none" = keep the class, only flag the image), else GLACIER_IR on AWS (instant retrieval, so an
 * archived image still opens at once) and none on other S3-compatible stores, which mostly lack it
 * (s3rver accepts GLACIER but not GLACIER_IR). A matter of configuration, not of local mode.
 */
export function archiveStorageClass(env: NodeJS.ProcessEnv = process.env): StorageClass | null {
  const configured = env.S3_ARCHIVE_STORAGE_CLASS?.trim();
  if (configured) return configured.toLowerCase() === "none" ? null : (configured as StorageClass);
  return onAws(env) ? "GLACIER_IR" : null;
}

/**
 * Moves an object to another storage class in place: S3 does that by copying the object onto
 * itself. `REPLACE` with the object's own headers (read first) keeps its content type and metadata
 * where a plain copy onto itself would be refused by stores that check for a changed directive.
 */
export async function setStorageClass(s3: S3Settings, key: string, storageClass: StorageClass) {
  const head = await s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key }));
  if ((head.StorageClass ?? "STANDARD") === storageClass) return;
  await s3.client.send(
    new CopyObjectCommand({
      Bucket: s3.bucket,
      Key: key,
      CopySource: `${s3.bucket}/${key.split("/").map(encodeURIComponent).join("/")}`,
      StorageClass: storageClass,
      MetadataDirective: "REPLACE",
      ...(head.ContentType ? { ContentType: head.ContentType } : {}),
      ...(head.CacheControl ? { CacheControl: head.CacheControl } : {}),
      ...(head.ContentDisposition ? { ContentDisposition: head.ContentDisposition } : {}),
      ...(head.Metadata ? { Metadata: head.Metadata } : {}),
    }),
  );
}
