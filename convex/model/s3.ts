/**
 * Image storage in S3. With `AWS_*` variables set this is AWS; offline it is
 * s3rver on 127.0.0.1:4569 (same SDK, path-style, fixed local credentials).
 */
import { DeleteObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";

export type S3Settings = { bucket: string; client: S3Client };

const LOCAL_ENDPOINT = "http://127.0.0.1:4569";

export function s3Settings(): S3Settings {
  const env = process.env;
  const onAws = Boolean(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY && !env.S3_ENDPOINT);
  const endpoint = onAws ? undefined : (env.S3_ENDPOINT ?? LOCAL_ENDPOINT);
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

export async function deleteImages(s3: S3Settings, keys: string[]) {
  await Promise.allSettled(keys.map((Key) => s3.client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key }))));
}
