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
      const problem = path === "/chat/completions" && text ? contentProblem(JSON.parse(text)) : null;
      if (problem) {
        res.writeHead(400, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ error: { code: 400, message: problem } }));
        return;
      }
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

const DATA_URL = /^data:image\/(png|jpeg|webp);base64,([A-Za-z0-9+/]+={0,2})$/;

/**
 * What OpenRouter would refuse (400) in a chat request's content parts: a text part without text, an
 * image part whose URL is not a base64 data URL of a PNG, JPEG or WebP (the fake reads no remote URLs),
 * or whose bytes are not that image type. Null when the message is fine (plain string content included).
 */
export function contentProblem(body: unknown): string | null {
  const messages = (body as { messages?: { content?: unknown }[] })?.messages;
  if (!Array.isArray(messages)) return "messages must be an array";
  for (const message of messages) {
    if (typeof message.content === "string") continue;
    if (!Array.isArray(message.content)) return "content must be a string or an array of parts";
    for (const part of message.content as Record<string, unknown>[]) {
      if (part.type === "text") {
        if (typeof part.text !== "string") return "a text part needs text";
      } else if (part.type === "image_url") {
        const url = (part.image_url as { url?: unknown } | undefined)?.url;
        const match = typeof url === "string" ? DATA_URL.exec(url) : null;
        if (!match) return "image_url.url must be a base64 data URL of a PNG, JPEG or WebP image";
        const bytes = Buffer.from(match[2]!, "base64");
        const signature: Record<string, (b: Buffer) => boolean> = {
          png: (b) => b[0] === 0x89 && b.subarray(1, 4).toString() === "PNG",
          jpeg: (b) => b[0] === 0xff && b[1] === 0xd8,
          webp: (b) => b.subarray(8, 12).toString() === "WEBP",
        };
        if (!signature[match[1]!]!(bytes)) return `image_url data is not a ${match[1]} image`;
      } else return `unknown content part type ${String(part.type)}`;
    }
  }
  return null;
}
