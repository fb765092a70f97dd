/**
 * A ZIP archive written as it is read: the next entry is fetched only when the reader wants more
 * bytes, so a download of 100 images holds one image at a time, never the whole archive. Images
 * are already compressed (PNG, JPEG, WebP, AVIF), so entries are stored, not deflated: deflate
 * would cost CPU for a percent or two. fflate writes the ZIP format (local headers, CRC-32,
 * central directory); with a stored entry pushed whole, its header carries the size and CRC.
 */
import { Zip, ZipPassThrough } from "fflate";

export interface ZipEntry {
  /** Unique within the archive. */
  name: string;
  body: Uint8Array;
}

/**
 * A stream of the archive of the entries `next` gives (null: no more). A failure while it
 * streams ends the stream with that error (the client sees a cut-off download) after `onError`.
 */
export function zipStream(
  next: () => Promise<ZipEntry | null>,
  onError: (error: unknown) => void,
  mtime: Date = new Date(),
): ReadableStream<Uint8Array> {
  let chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  let ended = false;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else chunks.push(chunk);
  });

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          // Pass-through entries are written synchronously: one pushed entry yields its bytes at once.
          while (chunks.length === 0 && !ended) {
            const entry = await next();
            if (!entry) {
              zip.end();
              ended = true;
              break;
            }
            const file = new ZipPassThrough(entry.name);
            file.mtime = mtime;
            zip.add(file);
            file.push(entry.body, true);
          }
          if (failure) throw failure;
          for (const chunk of chunks) controller.enqueue(chunk);
          chunks = [];
          if (ended) controller.close();
        } catch (error) {
          zip.terminate();
          onError(error);
          controller.error(error);
        }
      },
      cancel() {
        zip.terminate();
      },
    },
    // Nothing is fetched before the reader asks (a HEAD request never reads the body).
    { highWaterMark: 0 },
  );
}
