/**
 * The API's own description: OpenAPI 3.1 at `/openapi.json`, generated from the route schemas,
 * and interactive docs (Scalar) at `/docs`. Offline there is no CDN, so Node hands the Scalar
 * bundle over (`deps.docsScript`) and `/docs/scalar.js` serves it; a Worker without it points
 * the page at Scalar's CDN.
 */
import { Scalar } from "@scalar/hono-api-reference";
import type { AppServices } from "../../lib/context";
import { SECURITY, type Router } from "../../lib/openapi";
import { docsCsp } from "./csp";

export const OPENAPI_PATH = "/openapi.json";
const SCRIPT_PATH = "/docs/scalar.js";
/** Where Scalar's page loads its bundle when the runtime has none to serve (Workers). */
const SCALAR_CDN_ORIGIN = "https://cdn.jsdelivr.net";

/**
 * The reference's sections in reading order: most readers are developers with an API key, so the
 * page opens on the REST API; the token routes a partner's server calls come next. Scalar follows
 * this order (operations whose tag is missing here would be appended after it).
 */
export const DOC_TAGS = [
  {
    name: "REST API",
    description:
      "Generate images, follow jobs, and manage your library and collections with an API key (`Authorization: Bearer px_…`).",
  },
  { name: "Tokens", description: "Embed tokens for `<pixorly-studio>`, issued to a partner's server." },
  { name: "Partners", description: "What a partner's server manages with its secret key." },
  { name: "Images", description: "Signed delivery URLs for the signed-in user's images (browser routes)." },
  {
    name: "Inputs",
    description: "Uploading images (and masks) to work from: image-to-image, inpainting, upscaling (browser routes).",
  },
  { name: "Account", description: "Download links for the signed-in user's data exports (browser routes)." },
  { name: "Identity", description: "The keys Convex and others verify Pixorly's tokens with." },
  { name: "Operations", description: "Health and metrics." },
];

/** Registered on the app itself (not a sub-router): the document covers every mounted route. */
export function registerDocs(app: Router, services: AppServices) {
  const registry = app.openAPIRegistry;
  registry.registerComponent("securitySchemes", SECURITY.userToken, {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "A Pixorly token (embed, dev or session token) issued by this API.",
  });
  registry.registerComponent("securitySchemes", SECURITY.partnerSecret, {
    type: "http",
    scheme: "bearer",
    description: "Your partner secret key (`pxs_…`). Server to server only; never put it in a page.",
  });
  registry.registerComponent("securitySchemes", SECURITY.apiKey, {
    type: "http",
    scheme: "bearer",
    description: "A REST API key (`px_…`).",
  });
  registry.registerComponent("securitySchemes", SECURITY.clerkSession, {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "A Clerk session token (Pixorly's own site).",
  });

  app.doc31(OPENAPI_PATH, {
    openapi: "3.1.0",
    info: {
      title: "Pixorly edge API",
      version: "1.0.0",
      description:
        "Embed tokens, signed image URLs with transforms, and the REST API v1. Every error is `{ code, message, requestId }`.",
    },
    servers: [{ url: services.config.publicUrl }],
    tags: DOC_TAGS,
  });

  const { docsScript } = services.deps;
  let script: Promise<string> | undefined;
  if (docsScript) {
    app.get(SCRIPT_PATH, async (c) => {
      script ??= docsScript();
      return c.body(await script, 200, {
        "Content-Type": "application/javascript; charset=utf-8",
        "Cache-Control": "public, max-age=86400",
      });
    });
  }
  app.get(
    "/docs",
    docsCsp(new URL(services.config.publicUrl).origin, docsScript ? undefined : SCALAR_CDN_ORIGIN),
    Scalar({
      url: OPENAPI_PATH,
      pageTitle: "Pixorly API reference",
      // Nothing that phones home: no telemetry, no web fonts, no hosted AI agent; the page's fonts are the system's.
      telemetry: false,
      withDefaultFonts: false,
      agent: { disabled: true },
      showDeveloperTools: "never",
      ...(docsScript ? { cdn: SCRIPT_PATH } : {}),
    }),
  );
}
