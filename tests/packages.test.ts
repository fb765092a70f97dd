/**
 * The published packages, installed as a stranger would (issue 19): `npm pack` each one, lint the
 * tarballs (publint, are-the-types-wrong), install them into fresh projects outside the repository, and
 * use them there —
 *   - a Convex app that runs `npx convex-local` from the tarball (no tsx, no workspace) and answers a client;
 *   - a Vite + TypeScript app and a React app that type-check against `@pixorly/elements` and render the
 *     studio in Chromium against the offline stack (convex-local, s3rver and the edge API);
 *   - a plain page with the README's script tag, served by the edge API's `/elements/<version>/pixorly.js`
 *     with its integrity hash (and refused with a wrong one).
 * Dependencies come from the npm registry (CI has it); `--prefer-offline` uses npm's cache when it can.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { elementsAssetsFrom } from "../edge-api/src/lib/node-deps";
import { startStack, type Stack } from "../edge-api/test/stack";

const ROOT = path.resolve(import.meta.dirname, "..");
const BIN = (name: string) => path.join(ROOT, "node_modules/.bin", name);
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];
const version = (pkg: string) =>
  JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", pkg, "package.json"), "utf8")).version as string;

const work = fs.mkdtempSync(path.join(os.tmpdir(), "pixorly-stranger-"));
const tarballs: Record<string, string> = {};
let browser: Browser | undefined;
let stack: Stack | undefined;
const servers: http.Server[] = [];
const children: ChildProcess[] = [];

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    return execFileSync(command, args, {
      cwd,
      env: { ...process.env, ...env },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 300_000,
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${stdout ?? ""}\n${stderr ?? ""}`.slice(0, 6000), {
      cause: error,
    });
  }
}

/** A fresh project folder with this package.json and files; `npm install` from the registry (cache first). */
function project(name: string, pkg: object, files: Record<string, string>, installArgs: string[] = []): string {
  const dir = path.join(work, name);
  for (const [file, text] of Object.entries({
    "package.json": JSON.stringify({ name, private: true, type: "module", ...pkg }, null, 2),
    ...files,
  })) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", ...installArgs], dir);
  return dir;
}

/** Serves a folder on 127.0.0.1 (index.html for `/`). */
async function serveDir(dir: string): Promise<string> {
  const types: Record<string, string> = {
    ".html": "text/html",
    ".js": "text/javascript",
    ".css": "text/css",
    ".json": "application/json",
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const file = path.join(
      dir,
      path.normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, ""),
      url.pathname.endsWith("/") ? "index.html" : "",
    );
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end("not found");
      return;
    }
    res
      .writeHead(200, { "Content-Type": types[path.extname(file)] ?? "application/octet-stream" })
      .end(fs.readFileSync(file));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  // `prepack` builds each package (elements: modules, declarations, pixorly.js, manifest; convex-local: dist/).
  const output = run(
    "npm",
    ["pack", "--json", "--pack-destination", work, "-w", "@pixorly/elements", "-w", "@pixorly/convex-local"],
    ROOT,
  );
  // The prepack builds print their own lines first; npm's JSON report is the array that ends the output.
  const packed = JSON.parse(output.slice(output.search(/^\[\s*$/m))) as { name: string; filename: string }[];
  for (const { name, filename } of packed) tarballs[name] = path.join(work, filename);
}, 600_000);

afterAll(async () => {
  for (const child of children) child.kill("SIGTERM");
  await browser?.close();
  await stack?.close();
  for (const server of servers) server.close();
  // PIXORLY_KEEP_STRANGER=1 keeps the projects for a look after a failure.
  if (!process.env.PIXORLY_KEEP_STRANGER) fs.rmSync(work, { recursive: true, force: true });
}, 60_000);

/** Paths inside a tarball. */
const entries = (tarball: string) =>
  run("tar", ["-tzf", tarball], work)
    .trim()
    .split("\n")
    .map((entry) => entry.replace(/^package\//, ""));

describe("the published packages, as strangers install them", () => {
  it("each tarball passes publint and are-the-types-wrong", () => {
    for (const tarball of Object.values(tarballs)) {
      expect(run(BIN("publint"), [tarball, "--strict"], work)).toMatch(/All good|No issues/);
      // esm-only: both packages are ES modules by design; a problem in any ESM resolution fails the command.
      run(BIN("attw"), [tarball, "--profile", "esm-only", "--no-color"], work);
    }
  });

  it("ship their build, licence and README, and nothing that is private or only for the workspace", () => {
    const elements = entries(tarballs["@pixorly/elements"]!);
    for (const file of [
      "dist/pixorly.js",
      "dist/pixorly.licenses.txt",
      "dist/pixorly.sri.json",
      "dist/index.js",
      "dist/index.d.ts",
      "dist/core.js",
      "dist/core/index.d.ts",
      "dist/react/index.js",
      "custom-elements.json",
      "LICENSE",
      "README.md",
    ]) {
      expect(elements, file).toContain(file);
    }
    expect(elements.filter((file) => file.startsWith("src/") || file.includes(".test."))).toEqual([]);
    const convexLocal = entries(tarballs["@pixorly/convex-local"]!);
    for (const file of [
      "dist/cli.js",
      "dist/index.js",
      "dist/index.d.ts",
      "dist/worker-main.js",
      "bin/convex-local.mjs",
      "LICENSE",
      "README.md",
    ]) {
      expect(convexLocal, file).toContain(file);
    }
    expect(convexLocal.filter((file) => file.startsWith("src/") || file.startsWith("test/"))).toEqual([]);
  });

  it("a Convex app runs on `npx convex-local` from its tarball, without tsx", async () => {
    const dir = project(
      "convex-app",
      {
        dependencies: {
          "@pixorly/convex-local": `file:${tarballs["@pixorly/convex-local"]}`,
          convex: version("convex"),
        },
        devDependencies: { "@types/node": version("@types/node") },
      },
      {
        "convex/notes.ts": [
          'import { v } from "convex/values";',
          'import { action, mutation, query } from "./_generated/server";',
          'export const list = query({ args: {}, handler: (ctx) => ctx.db.query("notes").collect() });',
          'export const add = mutation({ args: { text: v.string() }, handler: (ctx, { text }) => ctx.db.insert("notes", { text }) });',
          'export const ping = action({ args: {}, handler: async () => "pong" });',
        ].join("\n"),
        "start.ts":
          'import { startConvexLocal, type ConvexLocal } from "@pixorly/convex-local";\nconst server: ConvexLocal = await startConvexLocal({ dir: "convex", dataDir: ".data", port: 0 });\nconsole.log(server.url);\n',
        "tsconfig.json": JSON.stringify({
          compilerOptions: {
            module: "nodenext",
            moduleResolution: "nodenext",
            target: "es2022",
            strict: true,
            noEmit: true,
            skipLibCheck: false,
            types: ["node"],
          },
          files: ["start.ts"],
        }),
      },
    );
    // SQLite is Node's own node:sqlite: the install compiles nothing, and brings no loader.
    expect(fs.existsSync(path.join(dir, "node_modules/better-sqlite3"))).toBe(false);
    expect(fs.existsSync(path.join(dir, "node_modules/tsx"))).toBe(false);

    // The library's declarations type-check under Node16 resolution with nothing but Node's types and what the package brings.
    run(BIN("tsc"), ["-p", "tsconfig.json"], dir);
    run("npx", ["convex", "codegen", "--system-udfs", "--typecheck", "disable"], dir);

    const child = spawn(
      "npx",
      ["convex-local", "--dir", "convex", "--port", "0", "--site-port", "0", "--data", ".data"],
      { cwd: dir, stdio: ["ignore", "pipe", "pipe"] },
    );
    children.push(child);
    let output = "";
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`convex-local did not start:\n${output}`)), 60_000);
      const read = (chunk: Buffer) => {
        output += chunk;
        const ready = /convex-local ready: API (http:\/\/\S+)/.exec(output);
        if (ready) {
          clearTimeout(timer);
          resolve(ready[1]!);
        }
      };
      child.stdout!.on("data", read);
      child.stderr!.on("data", read);
      child.on("exit", (code) => reject(new Error(`convex-local exited (${code}):\n${output}`)));
    });
    expect(output).toContain("CONVEX_SELF_HOSTED_ADMIN_KEY=");

    // The app's own convex client, from its own node_modules.
    const script = `import { ConvexHttpClient } from "convex/browser";
      const c = new ConvexHttpClient(${JSON.stringify(url)});
      await c.mutation("notes:add", { text: "from a stranger" });
      console.log(JSON.stringify({ notes: await c.query("notes:list", {}), ping: await c.action("notes:ping", {}) }));`;
    fs.writeFileSync(path.join(dir, "client.mjs"), script);
    const answer = JSON.parse(run(process.execPath, ["client.mjs"], dir));
    expect(answer.ping).toBe("pong");
    expect(answer.notes.map((note: { text: string }) => note.text)).toEqual(["from a stranger"]);
  }, 600_000);

  it("a Vite + TypeScript app and a React app type-check, build and render the studio against the offline stack; the script tag loads with its integrity hash", async () => {
    const dir = project(
      "web-app",
      {
        dependencies: {
          "@pixorly/elements": `file:${tarballs["@pixorly/elements"]}`,
          react: version("react"),
          "react-dom": version("react"),
        },
        devDependencies: { "@types/react": version("@types/react"), "@types/react-dom": version("@types/react") },
      },
      {
        "index.html":
          '<!doctype html><html lang="en"><body><pixorly-studio></pixorly-studio><script type="module" src="/src/main.ts"></script></body></html>',
        "react.html":
          '<!doctype html><html lang="en"><body><div id="root"></div><script type="module" src="/src/react.tsx"></script></body></html>',
        "src/config.ts": [
          "/** Filled in by the test page (window.PIXORLY) before the app starts. */",
          "export const config = (window as unknown as { PIXORLY: { convexUrl: string; apiUrl: string; token: string } }).PIXORLY;",
        ].join("\n"),
        "src/main.ts": [
          'import "@pixorly/elements/studio";',
          'import type { PixorlyStudio } from "@pixorly/elements";',
          'import { config } from "./config";',
          // The tag name is typed (HTMLElementTagNameMap): no cast, and a wrong property would not compile.
          'const studio: PixorlyStudio = document.querySelector("pixorly-studio")!;',
          "studio.convexUrl = config.convexUrl;",
          "studio.apiUrl = config.apiUrl;",
          "studio.tokenProvider = async () => config.token;",
        ].join("\n"),
        "src/react.tsx": [
          'import { createRoot } from "react-dom/client";',
          'import { PixorlyStudio } from "@pixorly/elements/react";',
          'import { config } from "./config";',
          'createRoot(document.getElementById("root")!).render(<PixorlyStudio convexUrl={config.convexUrl} apiUrl={config.apiUrl} tokenProvider={async () => config.token} />);',
        ].join("\n"),
        "tsconfig.json": JSON.stringify({
          compilerOptions: {
            target: "es2022",
            module: "esnext",
            moduleResolution: "bundler",
            lib: ["es2022", "dom", "dom.iterable"],
            jsx: "react-jsx",
            strict: true,
            noEmit: true,
            skipLibCheck: false,
          },
          include: ["src"],
        }),
        "vite.config.mjs":
          'export default { build: { rollupOptions: { input: { main: "index.html", react: "react.html" } } }, logLevel: "warn" };',
      },
    );
    run(BIN("tsc"), ["-p", "tsconfig.json"], dir);
    run(process.execPath, [path.join(ROOT, "node_modules/vite/bin/vite.js"), "build"], dir);

    // Plain pages with the README's script tag, from the edge API's versioned route, with the right and a wrong hash.
    const installed = path.join(dir, "node_modules/@pixorly/elements");
    const sri = JSON.parse(fs.readFileSync(path.join(installed, "dist/pixorly.sri.json"), "utf8")) as {
      version: string;
      integrity: string;
    };
    const site = await serveDir(path.join(dir, "dist"));
    stack = await startStack({ env: { CORS_ORIGINS: site }, deps: { elementsAssets: elementsAssetsFrom(installed)! } });
    const scriptTag = (integrity: string) =>
      `<!doctype html><html lang="en"><body><pixorly-studio></pixorly-studio><script type="module" src="${stack!.edgeUrl}/elements/${sri.version}/pixorly.js" integrity="${integrity}" crossorigin="anonymous"></script></body></html>`;
    fs.writeFileSync(path.join(dir, "dist/script-tag.html"), scriptTag(sri.integrity));
    fs.writeFileSync(
      path.join(dir, "dist/script-tag-tampered.html"),
      scriptTag(`sha384-${Buffer.alloc(48).toString("base64")}`),
    );

    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
    const token = await stack.devToken("stranger");
    for (const page of ["/", "/react.html", "/script-tag.html"]) {
      const tab = await browser.newPage();
      const errors: string[] = [];
      const consoleLines: string[] = [];
      tab.on("pageerror", (error) => errors.push(error.message));
      tab.on("console", (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
      await tab.addInitScript((config) => Object.assign(window, { PIXORLY: config }), {
        convexUrl: stack.convexUrl,
        apiUrl: stack.edgeUrl,
        token,
      });
      await tab.goto(`${site}${page}`);
      if (page === "/script-tag.html") {
        await tab.waitForFunction(() => customElements.get("pixorly-studio") !== undefined, undefined, {
          timeout: 30_000,
        });
        await tab.evaluate(() => {
          const config = (window as unknown as { PIXORLY: { convexUrl: string; apiUrl: string; token: string } })
            .PIXORLY;
          Object.assign(document.querySelector("pixorly-studio")!, {
            convexUrl: config.convexUrl,
            apiUrl: config.apiUrl,
            tokenProvider: async () => config.token,
          });
        });
      }
      // The models come from convex-local through the studio's own client: the studio is live, not only defined.
      await tab
        .getByText("Aurora")
        .first()
        .waitFor({ timeout: 60_000 })
        .catch(async (error: unknown) => {
          const shown = await tab.evaluate(
            () => document.querySelector("pixorly-studio")?.shadowRoot?.textContent ?? "(no studio)",
          );
          throw new Error(
            `${page}: the studio never listed the models.\nIt shows: ${shown.slice(0, 500)}\nConsole:\n${consoleLines.join("\n")}\nErrors: ${errors.join("\n")}`,
            { cause: error },
          );
        });
      expect(errors, page).toEqual([]);
      await tab.close();
    }

    const tampered = await browser.newPage();
    const refused: string[] = [];
    tampered.on("console", (message) => refused.push(message.text()));
    await tampered.goto(`${site}/script-tag-tampered.html`);
    await tampered.waitForTimeout(1_000);
    expect(await tampered.evaluate(() => customElements.get("pixorly-studio") === undefined)).toBe(true);
    expect(refused.join("\n")).toMatch(/integrity/i);
    await tampered.close();
  }, 600_000);
});
