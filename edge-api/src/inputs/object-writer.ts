/**
 * Writes uploaded inputs to S3 (s3rver offline): private objects under `inputs/<userId>/`, read
 * back only by the generation pipeline. Tests may pass another writer through `EdgeDeps.inputObjects`.
 */
import { DeleteObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { EdgeConfig } from "../env";

export interface InputObjectWriter {
  readonly bucket: string;
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export function s3InputWriter(s3: EdgeConfig["s3"]): InputObjectWriter {
  const client = new S3Client({
    region: s3.region,
    ...(s3.endpoint ? { endpoint: s3.endpoint, forcePathStyle: true } : {}),
    ...(s3.accessKeyId && s3.secretAccessKey
      ? { credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } }
      : {}),
  });
  return {
    bucket: s3.bucket,
    async put(key, body, contentType) {
      await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: body, ContentType: contentType }));
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: key }));
    },
  };
}
