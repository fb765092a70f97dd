/**
 * Writing an object to S3 as its bytes are produced (a data export's ZIP), without holding it whole:
 * bytes are gathered into parts of `PART_SIZE` (S3's minimum for all but the last part) and sent
 * as a multipart upload; a failure aborts the upload so no half-written object or parts remain.
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import type { S3Settings } from "./s3";

export const PART_SIZE = 5 * 1024 * 1024;

export interface MultipartWriter {
  write(chunk: Uint8Array): Promise<void>;
  /** Sends the last part and completes the object; returns its size in bytes. */
  finish(): Promise<number>;
  abort(): Promise<void>;
}

export async function startMultipartUpload(s3: S3Settings, key: string, contentType: string): Promise<MultipartWriter> {
  const { UploadId } = await s3.client.send(
    new CreateMultipartUploadCommand({ Bucket: s3.bucket, Key: key, ContentType: contentType }),
  );
  const parts: { ETag: string; PartNumber: number }[] = [];
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let total = 0;

  async function flush() {
    const body = new Uint8Array(pendingBytes);
    let at = 0;
    for (const chunk of pending) {
      body.set(chunk, at);
      at += chunk.length;
    }
    pending = [];
    pendingBytes = 0;
    const PartNumber = parts.length + 1;
    const { ETag } = await s3.client.send(
      new UploadPartCommand({ Bucket: s3.bucket, Key: key, UploadId, PartNumber, Body: body }),
    );
    parts.push({ ETag: ETag ?? "", PartNumber });
  }

  return {
    async write(chunk) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      total += chunk.length;
      if (pendingBytes >= PART_SIZE) await flush();
    },
    async finish() {
      if (pendingBytes > 0 || parts.length === 0) await flush();
      await s3.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: s3.bucket,
          Key: key,
          UploadId,
          MultipartUpload: { Parts: parts },
        }),
      );
      return total;
    },
    async abort() {
      await s3.client
        .send(new AbortMultipartUploadCommand({ Bucket: s3.bucket, Key: key, UploadId }))
        .catch(() => undefined);
    },
  };
}
