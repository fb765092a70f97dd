/**
 * `GET /v1/images/zip?s=…&Expires=…&Key-Pair-Id=…&Signature=…`: the archive a `POST
 * /v1/images/zip` link names, streamed. The link is the credential (a browser follows it without
 * a token), so it must verify exactly like a signed CDN URL: changed, expired or unknown-key
 * links answer 403. The images come through the CDN's own variant maker (same transforms, cache,
 * cost ceiling and transform queue as `/cdn`), one at a time as the client reads, stored in the
 * ZIP (`cdn/zip-stream.ts`).
 *
 * Before the first byte: every object is looked up (a HEAD each, 8 at a time), so an image
 * deleted since the link was made answers 404 rather than a short archive, and the first image is
 * made, so a refused transform answers with its own status (422, 415, 503). A failure after that
 * cuts the stream off (logged); the client's unzip then reports a damaged archive.
 */
import { z } from "@hono/zod-openapi";
import { extensionFor } from "../../../cdn/download";
import { splitSignedUrl, verifySignedUrl, type SignedUrlRefusal } from "../../../cdn/signer";
import { canonicalTransformQuery, isIdentityTransform } from "../../../cdn/transform-params";
import { zipStream } from "../../../cdn/zip-stream";
import type { AppServices } from "../../../lib/context";
import { ApiError } from "../../../lib/errors";
import { describeError } from "../../../lib/logger";
import { errorResponses, type Router } from "../../../lib/openapi";
import { cdnServices } from "../../cdn/deps";
import { CDN_CONTENT_SECURITY_POLICY } from "../../cdn/get";
import { variantMaker } from "../../cdn/variants";
import { decodeSelection, SELECTION_PARAM, ZIP_PATH, ZIP_ROUTE, zipFilename } from "./zip-link";

const REFUSALS: Record<SignedUrlRefusal, string> = {
  "missing-signature": "This download link is missing Expires, Signature or Key-Pair-Id.",
  "malformed-signature": "This download link's signature parameters are malformed.",
  "unknown-key": "This download link was signed with a key this server does not trust.",
  expired: "This download link has expired; ask for a new one (POST /v1/images/zip).",
  "bad-signature": "This download link's signature does not match it; it was changed after signing.",
};

/** Object lookups in flight at once before an archive starts. */
const HEAD_CONCURRENCY = 8;

export function registerGetImageZip(router: Router, services: AppServices) {
  const { config, deps } = services;
  const cdn = cdnServices(services);
  const variantFor = variantMaker(cdn);

  router.openAPIRegistry.registerPath({
    method: "get",
    path: ZIP_ROUTE,
    tags: ["Images"],
    summary: "Download a ZIP of images (signed link)",
    description:
      "Follow the `url` of `POST /v1/images/zip` (no token: the signature is the credential). Streams `application/zip` with " +
      "`Content-Disposition: attachment`, one stored entry `pixorly-<id>.<ext>` per image (`ext` from the format served; " +
      "`f=auto` negotiates from this request's `Accept`). A changed, expired or unknown-key link answers 403; an image deleted " +
      "since the link was made, 404.",
    request: {
      query: z.object({
        [SELECTION_PARAM]: z.string().openapi({ description: "The selection (opaque, signed)." }),
        Expires: z.string().openapi({ description: "Epoch seconds (signed)." }),
        "Key-Pair-Id": z.string(),
        Signature: z.string(),
      }),
    },
    responses: {
      200: {
        description: "The archive, streamed.",
        content: { "application/zip": { schema: z.string().openapi({ type: "string", format: "binary" }) } },
      },
      ...errorResponses(400, 403, 404, 422, 503),
    },
  });

  router.get(ZIP_ROUTE, async (c) => {
    const resource = `${config.publicUrl}${ZIP_PATH}${new URL(c.req.url).search}`;
    const check = await verifySignedUrl(resource, { publicKeys: config.cloudfront.publicKeys, now: deps.now() });
    if (!check.ok) throw new ApiError("FORBIDDEN", REFUSALS[check.reason]);
    const encoded = new URL(splitSignedUrl(resource).resource).searchParams.get(SELECTION_PARAM);
    const selection = encoded === null ? null : decodeSelection(encoded);
    if (!selection) throw new ApiError("INVALID_ARGUMENT", "This download link is malformed; ask for a new one.");

    const { images, transform: params } = selection;
    const found = await mapLimit(images, HEAD_CONCURRENCY, (image) => cdn.objects.head(image.s3Key));
    if (found.includes(null))
      throw new ApiError("NOT_FOUND", "An image in this download no longer exists; ask for a new link.");

    const accept = c.req.header("Accept");
    const request = { params, canonical: canonicalTransformQuery(params), identity: isIdentityTransform(params) };
    const variantOf = (s3Key: string) => variantFor({ s3Key, ...request }, accept);
    const first = await variantOf(images[0]!.s3Key);
    let next = 0;
    const requestId = c.get("requestId");
    const body = zipStream(
      async () => {
        const image = images[next];
        if (!image) return null;
        const variant = next === 0 ? first : await variantOf(image.s3Key);
        next++;
        return { name: `pixorly-${image.id}.${extensionFor(variant.contentType)}`, body: variant.body };
      },
      (error) =>
        deps.logger({ level: "error", msg: "zip download cut off", requestId, entry: next, ...describeError(error) }),
      new Date(deps.now()),
    );
    return c.body(body, 200, {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${zipFilename(images.length)}"`,
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": CDN_CONTENT_SECURITY_POLICY,
      ...(params.f === "auto" ? { Vary: "Accept" } : {}),
    });
  });
}

/** `fn` over `items`, at most `limit` at once, results in order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
