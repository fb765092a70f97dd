/**
 * Test double: an OpenRouter look-alike on 127.0.0.1 speaking the real wire format.
 * Each test queues the answers a path should give; every request is recorded.
 * Node-only and imported by tests only; the second dot in the file name keeps Convex from
 * bundling it as a function module.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { encodePng } from "@pixorly/local-models";

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface FakeAnswer {
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as is (for malformed JSON); anything else as JSON. */
  body?: unknown;
  /** Never answer (to exercise timeouts). */
  hang?: boolean;
}

export interface FakeOpenRouter {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Queues answers for a path ("/images"); the last one repeats once the queue runs dry. */
  answer(path: string, ...answers: FakeAnswer[]): void;
  close(): Promise<void>;
}

/** A real 2×2 PNG, so the pipeline can measure what the fake sends. */
export const PNG_BYTES = encodePng({ width: 2, height: 2, channels: 3, data: new Uint8Array(12).fill(200) });
export const PNG_BASE64 = Buffer.from(PNG_BYTES).toString("base64");

export async function startFakeOpenRouter(): Promise<FakeOpenRouter> {
  const queues = new Map<string, FakeAnswer[]>();
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const text = Buffer.concat(chunks).toString("utf8");
      const path = url.pathname.replace(/^\/api\/v1/, "") + url.search;
      requests.push({
        method: req.method ?? "GET",
        path,
        headers: req.headers,
        body: text ? JSON.parse(text) : undefined,
      });
      const queue = queues.get(path) ?? [];
      const answer = (queue.length > 1 ? queue.shift() : queue[0]) ?? {
        status: 404,
        body: { error: { code: 404, message: `no fake answer for ${path}` } },
      };
      if (answer.hang) return;
      const body = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body ?? {});
      res.writeHead(answer.status ?? 200, { "Content-Type": "application/json", ...answer.headers });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/v1`,
    requests,
    answer: (path, ...answers) => void queues.set(path, answers),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
