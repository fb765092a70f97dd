/**
 * A web-test-runner plugin that gives the end-to-end tests the real backend:
 * convex-local running /work/main/convex, s3rver and the edge API (the edge API's
 * own `startStack()` test helper), started on the first `/__stack/` request and
 * stopped with the test server. The browser reaches it through:
 *
 *   GET /__stack/info          { convexUrl, edgeUrl }
 *   GET /__stack/expired-token a correctly signed token that expired a minute ago
 *   GET /__stack/foreign-job   the id of a job that belongs to another user
 *   GET /__stack/busy-queue    queues several jobs of another user, so the next job waits
 *                              visibly in line
 *   GET /__stack/release-queue cancels what is left of those jobs (so later tests do not wait
 *                              behind 2048 px renders on convex-local's one thread)
 *   GET /__stack/fetch?url=…   fetches an edge API URL from Node and answers its status, headers
 *                              and size (a page cannot read `Content-Disposition` across origins,
 *                              nor follow a download)
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { tsImport } from "tsx/esm/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");

export function pixorlyStackPlugin() {
  let origin = "";
  /** @type {Promise<any> | undefined} */
  let starting;
  /** Function references, made once the stack (and its imports) are loaded. */
  let refs;
  /** The jobs `busy-queue` made, until `release-queue` cancels them. */
  const busyJobs = [];

  async function stack() {
    starting ??= (async () => {
      // One generation at a time, so `busy-queue` can hold the queue for the job under test.
      process.env.PIXORLY_MAX_IN_FLIGHT = "1";
      const { startStack, generateCloudFrontKeyPair, cloudFrontEnv, transformImage, processInput } = await tsImport(
        "./stack-modules.ts",
        import.meta.url,
      );
      const { ConvexHttpClient } = await import("convex/browser");
      const { makeFunctionReference } = await import("convex/server");
      refs = { create: makeFunctionReference("jobs:create"), cancel: makeFunctionReference("jobs:cancel") };
      const started = await startStack({
        env: {
          CORS_ORIGINS: [origin, origin.replace("localhost", "127.0.0.1")].join(","),
          // Private images are delivered through signed URLs, as from CloudFront.
          ...cloudFrontEnv(await generateCloudFrontKeyPair("KELEMENTS")),
        },
        // As the Node entry does: thumbnails are resized at the edge, and uploaded inputs checked with sharp (issue 16).
        deps: { imageTransformer: transformImage, inputProcessor: processInput },
      });
      const tokenFor = async (userId) => {
        const response = await fetch(`${started.edgeUrl}/v1/dev/token`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ userId }),
        });
        return (await response.json()).token;
      };
      const clientFor = async (userId) => {
        const client = new ConvexHttpClient(started.convexUrl, { logger: false });
        client.setAuth(await tokenFor(userId));
        return client;
      };
      return { ...started, tokenFor, clientFor };
    })();
    return starting;
  }

  async function expiredToken(s) {
    const { SignJWT, importJWK } = await import("jose");
    const [jwk] = JSON.parse(s.env.SIGNING_KEYS);
    const key = await importJWK(jwk, "ES256");
    const now = Math.floor(Date.now() / 1000);
    return await new SignJWT({ scp: ["generate", "images:read"] })
      .setProtectedHeader({ alg: "ES256", kid: jwk.kid })
      .setIssuer(s.edgeUrl)
      .setAudience("pixorly")
      .setSubject("local:expired-user")
      .setIssuedAt(now - 960)
      .setExpirationTime(now - 60)
      .sign(key);
  }

  async function createJob(s, userId, parameters) {
    const client = await s.clientFor(userId);
    return await client.mutation(refs.create, { prompt: `${userId}'s picture`, model: "local/aurora", parameters });
  }

  async function fetchEdge(s, url) {
    // Only the stack's own edge API: this is a test helper, not an open proxy.
    if (!url || !url.startsWith(`${s.edgeUrl}/`)) return { body: "not an edge API URL", status: 400 };
    const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    const bytes = new Uint8Array(await response.arrayBuffer());
    return {
      body: JSON.stringify({
        status: response.status,
        headers: Object.fromEntries(response.headers),
        size: bytes.length,
        // A ZIP starts with "PK\x03\x04".
        magic: [...bytes.slice(0, 4)],
      }),
      type: "json",
    };
  }

  async function route(path, query) {
    const s = await stack();
    if (path === "/__stack/fetch") return fetchEdge(s, query.url);
    const json = (value) => ({ body: JSON.stringify(value), type: "json" });
    switch (path) {
      case "/__stack/info":
        return json({ convexUrl: s.convexUrl, edgeUrl: s.edgeUrl });
      case "/__stack/expired-token":
        return json({ token: await expiredToken(s) });
      case "/__stack/foreign-job":
        return json({ jobId: await createJob(s, "someone-else", { width: 64, height: 64 }) });
      case "/__stack/busy-queue": {
        // Generation is CPU work on convex-local's one thread: one long job would also stall
        // the server. Several medium ones keep the queue busy and the server answering between them.
        const jobIds = [];
        for (let n = 0; n < 4; n++) jobIds.push(await createJob(s, "queue-holder", { width: 2048, height: 2048 }));
        busyJobs.push(...jobIds);
        return json({ jobIds });
      }
      case "/__stack/release-queue": {
        const client = await s.clientFor("queue-holder");
        let cancelled = 0;
        for (const jobId of busyJobs.splice(0)) {
          // A job already finished (or rendering past the point of cancelling) refuses: fine.
          cancelled += await client.mutation(refs.cancel, { jobId }).then(
            () => 1,
            () => 0,
          );
        }
        return json({ cancelled });
      }
      default:
        return { body: "unknown stack route", status: 404 };
    }
  }

  return {
    name: "pixorly-stack",
    serverStart({ config }) {
      origin = `${config.protocol ?? "http:"}//${config.hostname}:${config.port}`;
    },
    async serve(context) {
      if (!context.path.startsWith("/__stack/")) return undefined;
      try {
        return await route(context.path, context.query ?? {});
      } catch (error) {
        // The browser test shows this text, so a stack that cannot start says why.
        return { body: String(error?.stack ?? error), status: 500, type: "text" };
      }
    },
    async serverStop() {
      const started = await starting?.catch(() => null);
      await started?.close();
    },
  };
}
