/**
 * What a data export holds and how its ZIP is written. `metadata.json` lists the account's jobs,
 * images, collections and presets with the fields a person would want back — never token
 * identifiers, key hashes, webhook secrets or share-link ids — and each image is stored under
 * `images/<imageId>.<format>`, the name `metadata.json` gives it. Entries are stored, not deflated
 * (images are already compressed), and the archive goes to S3 as it is written (`s3Multipart.ts`).
 */
import { Zip, ZipPassThrough, strToU8 } from "fflate";
import type { Doc } from "../_generated/dataModel";
import type { MultipartWriter } from "./s3Multipart";

export function imageFileName(image: Pick<Doc<"images">, "_id" | "format">): string {
  return `images/${image._id}.${image.format.replace(/[^a-z0-9]/gi, "") || "bin"}`;
}

export function exportMetadata(data: {
  jobs: Doc<"generationJobs">[];
  images: Doc<"images">[];
  collections: { collection: Doc<"collections">; imageIds: string[] }[];
  presets: Doc<"presets">[];
}) {
  const at = (ms: number) => new Date(ms).toISOString();
  return {
    format: "pixorly-export/1",
    jobs: data.jobs.map((j) => ({
      id: j._id,
      createdAt: at(j._creationTime),
      prompt: j.prompt,
      ...(j.negativePrompt !== undefined ? { negativePrompt: j.negativePrompt } : {}),
      model: j.model,
      parameters: j.parameters,
      status: j.status,
      ...(j.actualCost !== undefined ? { cost: j.actualCost } : {}),
      ...(j.completedAt !== undefined ? { completedAt: at(j.completedAt) } : {}),
      imageIds: j.resultImageIds,
    })),
    images: data.images.map((i) => ({
      id: i._id,
      file: imageFileName(i),
      createdAt: at(i._creationTime),
      jobId: i.jobId,
      prompt: i.prompt,
      model: i.model,
      width: i.width,
      height: i.height,
      format: i.format,
      size: i.size,
      seed: i.seed,
      parameters: i.parameters,
      isPublic: i.isPublic ?? false,
      favorite: i.favorite ?? false,
      tags: i.tags ?? [],
    })),
    collections: data.collections.map(({ collection: c, imageIds }) => ({
      id: c._id,
      name: c.name,
      isPublic: c.isPublic,
      updatedAt: at(c.updatedAt),
      imageIds,
    })),
    presets: data.presets.map((p) => ({
      name: p.name,
      model: p.model,
      ...(p.prompt !== undefined ? { prompt: p.prompt } : {}),
      ...(p.negativePrompt !== undefined ? { negativePrompt: p.negativePrompt } : {}),
      parameters: p.parameters,
    })),
  };
}

/** Writes the archive to `out`: `metadata.json`, then each file `next` gives (null: no more). */
export async function writeExportZip(
  out: MultipartWriter,
  metadata: unknown,
  next: () => Promise<{ name: string; bytes: Uint8Array } | null>,
  mtime = new Date(),
): Promise<void> {
  let chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else chunks.push(chunk);
  });
  const drain = async () => {
    if (failure) throw failure;
    const ready = chunks;
    chunks = [];
    for (const chunk of ready) await out.write(chunk);
  };
  const add = async (name: string, bytes: Uint8Array) => {
    const entry = new ZipPassThrough(name);
    entry.mtime = mtime;
    zip.add(entry);
    entry.push(bytes, true);
    await drain();
  };
  await add("metadata.json", strToU8(JSON.stringify(metadata, null, 2)));
  for (let file = await next(); file; file = await next()) await add(file.name, file.bytes);
  zip.end();
  await drain();
}
