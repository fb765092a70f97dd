/**
 * Development only (Vite's `configureServer`): the partner dashboard's backend for the local partner
 * that `npm start` creates (`.pixorly/partner.json`). A real partner dashboard would sit behind the
 * partner's own sign-in; offline, the dev server plays that part, holding convex-local's admin key
 * (`cli/deployment.ts`) so the browser never sees it.
 *
 * Routes under `/__pixorly/partner`: `GET` (the partner, its keys and quota), `GET /usage?days=N`
 * (its users' generations per day, `partnerUsage:byDay`), `POST /rotate` (`{ graceSeconds }`),
 * `POST /origins` (`{ origins }`). Each needs the header `X-Pixorly-Local: 1`
 * and, when the browser sends an `Origin`, the dev server's own: another site cannot send that header
 * cross-origin without a preflight Vite does not grant, so it cannot rotate the secret or read it.
 */
import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import type { Plugin } from "vite";
import type { PartnerSummary } from "../cli/commands/partner";
import { connect } from "../cli/deployment";
import type { LocalPartnerFile } from "../cli/local-partner";
import { CommandFailed } from "../cli/usage";

const PREFIX = "/__pixorly/partner";

export function send(res: ServerResponse, status: number, body: unknown) {
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json");
  res.setHeader("Cache-Control", "no-store");
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = "";
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 4096) throw new CommandFailed("The request body is too large.");
  }
  try {
    const value = JSON.parse(text || "{}");
    return value && typeof value === "object" ? value : {};
  } catch {
    throw new CommandFailed("The request body is not JSON.");
  }
}

/**
 * Whether a request may use the dev server's admin-key routes: it carries `X-Pixorly-Local: 1` and,
 * when the browser sent an `Origin`, it is the dev server's own (see the top of this file).
 */
export function fromOwnPages(req: IncomingMessage): boolean {
  const host = req.headers.host;
  const origin = req.headers.origin;
  return (
    req.headers["x-pixorly-local"] === "1" &&
    (origin === undefined || host === undefined || origin === `http://${host}`)
  );
}

export function localPartnerApi(root: string, urls: { convexUrl: string; apiUrl: string }): Plugin {
  const file = process.env.PIXORLY_PARTNER_FILE || path.join(root, ".pixorly/partner.json");
  const env = { ...process.env, CONVEX_URL: urls.convexUrl };
  const readFile = (): LocalPartnerFile | null => {
    try {
      return JSON.parse(fs.readFileSync(file, "utf8")) as LocalPartnerFile;
    } catch {
      return null;
    }
  };

  return {
    name: "pixorly-local-partner-api",
    apply: "serve",
    configureServer(server) {
      server.middlewares.use(PREFIX, async (req, res) => {
        if (!fromOwnPages(req))
          return send(res, 403, { message: "Only the demo pages on this dev server may call this." });
        const saved = readFile();
        if (!saved)
          return send(res, 404, {
            message: "No local partner yet: npm start creates it on its first start (.pixorly/partner.json).",
          });
        try {
          const deployment = connect(env, root);
          const route = (req.url ?? "/").split("?")[0];
          if (req.method === "GET" && (route === "/" || route === "")) {
            const partner = (await deployment.query<PartnerSummary[]>("partners:list", {})).find(
              (p) => p.partnerId === saved.partnerId,
            );
            if (!partner)
              return send(res, 404, {
                message: "The local database no longer has the local partner; restart npm start to create it again.",
              });
            return send(res, 200, { partner, secretKey: saved.secretKey, ...urls });
          }
          if (req.method === "GET" && route === "/usage") {
            const days = Number(new URLSearchParams((req.url ?? "").split("?")[1] ?? "").get("days") ?? 30);
            return send(res, 200, await deployment.query("partnerUsage:byDay", { partnerId: saved.partnerId, days }));
          }
          if (req.method === "POST" && route === "/rotate") {
            const { graceSeconds } = await readJson(req);
            const rotated = await deployment.mutation<{ secretKey: string; graceEndsAt: number }>(
              "partners:rotateSecret",
              {
                partnerId: saved.partnerId,
                ...(typeof graceSeconds === "number" ? { graceSeconds } : {}),
              },
            );
            fs.writeFileSync(file, `${JSON.stringify({ ...saved, secretKey: rotated.secretKey }, null, 2)}\n`, {
              mode: 0o600,
            });
            return send(res, 200, rotated);
          }
          if (req.method === "POST" && route === "/origins") {
            const { origins } = await readJson(req);
            if (!Array.isArray(origins) || !origins.every((o) => typeof o === "string"))
              return send(res, 400, { message: "origins must be a list of URLs." });
            const allowedOrigins = await deployment.mutation<string[]>("partners:setOrigins", {
              partnerId: saved.partnerId,
              allowedOrigins: origins,
            });
            return send(res, 200, { allowedOrigins });
          }
          return send(res, 404, { message: "Not found." });
        } catch (error) {
          // CommandFailed messages are written for people (the deployment's own reason); nothing else leaves.
          return send(res, error instanceof CommandFailed ? 400 : 500, {
            message: error instanceof CommandFailed ? error.message : "Something went wrong.",
          });
        }
      });
    },
  };
}
