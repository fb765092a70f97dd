/**
 * `GET /v1/account/exports/download?k=…&n=…&Expires=…&Key-Pair-Id=…&Signature=…`: the export ZIP
 * a `POST /v1/account/exports/{id}/url` link names, with `Content-Disposition: attachment`. The
 * link is the credential, so it must verify exactly like a signed CDN URL (changed, expired or
 * unknown key → 403), and it can only name an export object (`EXPORT_KEY`), never an image.
 */
import { z } from "@hono/zod-openapi";
import { contentDisposition } from "../../../cdn/download";
import { splitSignedUrl, verifySignedUrl, type SignedUrlRefusal } from "../../../cdn/signer";
import type { AppServices } from "../../../lib/context";
import { ApiError } from "../../../lib/errors";
import { errorResponses, type Router } from "../../../lib/openapi";
import { cdnServices } from "../../cdn/deps";
import { CDN_CONTENT_SECURITY_POLICY } from "../../cdn/get";
import { EXPORT_DOWNLOAD_PATH, EXPORT_DOWNLOAD_ROUTE, EXPORT_KEY, KEY_PARAM, NAME_PARAM } from "./export-link";

const REFUSALS: Record<SignedUrlRefusal, string> = {
  "missing-signature": "This download link is missing Expires, Signature or Key-Pair-Id.",
  "malformed-signature": "This download link's signature parameters are malformed.",
  "unknown-key": "This download link was signed with a key this server does not trust.",
  expired: "This download link has expired; ask for a new one (POST /v1/account/exports/{id}/url).",
  "bad-signature": "This download link's signature does not match it; it was changed after signing.",
};

export function registerGetExport(router: Router, services: AppServices) {
  const { config, deps } = services;
  const cdn = cdnServices(services);

  router.openAPIRegistry.registerPath({
    method: "get",
    path: EXPORT_DOWNLOAD_ROUTE,
    tags: ["Account"],
    summary: "Download a data export (signed link)",
    description:
      "Follow the `url` of `POST /v1/account/exports/{id}/url` (no token: the signature is the credential). A changed, expired or unknown-key link answers 403.",
    request: {
      query: z.object({
        [KEY_PARAM]: z.string().openapi({ description: "The export's object (signed)." }),
        [NAME_PARAM]: z.string().openapi({ description: "The file name to save as (signed)." }),
        Expires: z.string(),
        "Key-Pair-Id": z.string(),
        Signature: z.string(),
      }),
    },
    responses: {
      200: {
        description: "The archive.",
        content: { "application/zip": { schema: z.string().openapi({ type: "string", format: "binary" }) } },
      },
      ...errorResponses(400, 403, 404),
    },
  });

  router.get(EXPORT_DOWNLOAD_ROUTE, async (c) => {
    const resource = `${config.publicUrl}${EXPORT_DOWNLOAD_PATH}${new URL(c.req.url).search}`;
    const check = await verifySignedUrl(resource, { publicKeys: config.cloudfront.publicKeys, now: deps.now() });
    if (!check.ok) throw new ApiError("FORBIDDEN", REFUSALS[check.reason]);
    const params = new URL(splitSignedUrl(resource).resource).searchParams;
    const key = params.get(KEY_PARAM) ?? "";
    const name = (params.get(NAME_PARAM) ?? "").replace(/\.zip$/i, "");
    if (!EXPORT_KEY.test(key) || name === "")
      throw new ApiError("INVALID_ARGUMENT", "This download link is malformed; ask for a new one.");
    const object = await cdn.objects.get(key);
    if (!object) throw new ApiError("NOT_FOUND", "This export no longer exists.");
    return c.body(object.body as Uint8Array<ArrayBuffer>, 200, {
      "Content-Type": "application/zip",
      "Content-Disposition": contentDisposition(name, "application/zip"),
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": CDN_CONTENT_SECURITY_POLICY,
    });
  });
}
