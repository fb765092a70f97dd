/**
 * Offline S3: s3rver on 127.0.0.1 with the images bucket created at start.
 * Usable as a module (tests) and as a command (`npm start`).
 */
import S3rver from "s3rver";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const DEFAULT_BUCKET = "pixorly-images";

export async function startS3Local({ port = 4569, directory, bucket = DEFAULT_BUCKET, silent = true } = {}) {
  const server = new S3rver({ port, address: "127.0.0.1", directory, silent, configureBuckets: [{ name: bucket }] });
  const { port: actualPort } = await server.run();
  return { endpoint: `http://127.0.0.1:${actualPort}`, bucket, close: () => server.close() };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const s3 = await startS3Local({
    port: Number(process.env.S3_LOCAL_PORT ?? 4569),
    directory: path.join(root, ".pixorly/s3"),
    bucket: process.env.S3_BUCKET ?? DEFAULT_BUCKET,
  });
  console.log(`s3rver ready: ${s3.endpoint} (bucket ${s3.bucket})`);
  const stop = async () => {
    await s3.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
