/**
 * Sending one error event to Sentry with nothing but `fetch`, in Sentry's envelope format
 * (https://develop.sentry.dev/sdk/envelopes/). One small reporter for every place Pixorly reports from —
 * the edge API on Node and on Workers, Convex actions (whose runtime has no Sentry SDK), the demo site and,
 * when a partner opts in, the elements — so they all build the same event and all scrub it
 * (`scrubEvent`) on the way out. The SDKs would add global state, auto-instrumentation and tens of
 * kilobytes for what Pixorly needs: an exception, its stack, release, environment and request id.
 */
import { scrubEvent } from "./scrub";

// core compiles without DOM or Node types (it runs everywhere); these two globals exist in every runtime it runs in.
declare const crypto: { getRandomValues(array: Uint8Array): Uint8Array };
interface ParsedUrl {
  protocol: string;
  host: string;
  username: string;
  pathname: string;
}
declare const URL: new (url: string) => ParsedUrl;

export interface SentryDsn {
  /** The envelope endpoint: `<scheme>://<host>[/<path>]/api/<project>/envelope/`. */
  endpoint: string;
  publicKey: string;
  projectId: string;
  /** The DSN as given (it goes into the envelope header, as the SDKs do). */
  dsn: string;
}

/** Parses `https://<key>@<host>[/<path>]/<project>`; a clear error names what is wrong. */
export function parseDsn(dsn: string): SentryDsn {
  let url: ParsedUrl;
  try {
    url = new URL(dsn);
  } catch {
    throw new Error("SENTRY_DSN is not a URL (expected https://<key>@<host>/<project id>)");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("SENTRY_DSN must be an http(s) URL");
  if (!url.username) throw new Error("SENTRY_DSN has no public key (the part before @)");
  const parts = url.pathname.split("/").filter(Boolean);
  const projectId = parts.pop();
  if (!projectId || !/^\d+$/.test(projectId)) throw new Error("SENTRY_DSN must end with the numeric project id");
  const prefix = parts.length ? `/${parts.join("/")}` : "";
  return {
    endpoint: `${url.protocol}//${url.host}${prefix}/api/${projectId}/envelope/`,
    publicKey: decodeURIComponent(url.username),
    projectId,
    dsn,
  };
}

export interface ErrorEventInput {
  error: unknown;
  /** `node`, `javascript` (browsers, Workers, Convex). */
  platform?: "node" | "javascript";
  release?: string;
  environment?: string;
  /** Where it happened: `edge-api`, `convex`, `demo`, `elements`. */
  service: string;
  requestId?: string;
  /** Short, non-secret facts (route, job id, model); scrubbed like the rest. */
  tags?: Record<string, string | undefined>;
  /** The request, if any: its URL loses its query, its headers all but a few harmless ones. */
  request?: { url: string; method?: string; headers?: Record<string, string> };
  /**
   * Texts known to be private in this context (the job's prompt, say): cut out of the message and the
   * stack wherever they appear, since an error message may quote them (a provider echoing the prompt).
   */
  redact?: (string | undefined)[];
}

export interface SentryEvent {
  [key: string]: unknown;
  event_id: string;
  timestamp: number;
  platform: string;
  level: "error";
  logger: string;
  release?: string;
  environment?: string;
  tags: Record<string, string>;
  exception: { values: { type: string; value: string; stacktrace?: { frames: StackFrame[] } }[] };
  request?: { url: string; method?: string; headers?: Record<string, string> };
  sdk: { name: string; version: string };
}

interface StackFrame {
  function?: string;
  filename?: string;
  lineno?: number;
  colno?: number;
  in_app?: boolean;
}

/** A Sentry event for one error, already scrubbed. */
export function buildErrorEvent(input: ErrorEventInput): SentryEvent {
  const { error } = input;
  const type = error instanceof Error ? error.name || "Error" : typeof error;
  const value = redactAll(error instanceof Error ? error.message : safeText(error), input.redact);
  const stack =
    error instanceof Error && typeof error.stack === "string" ? parseStack(redactAll(error.stack, input.redact)) : [];
  const tags: Record<string, string> = { service: input.service };
  if (input.requestId) tags.request_id = input.requestId;
  for (const [name, tag] of Object.entries(input.tags ?? {})) if (tag !== undefined) tags[name] = tag;
  const event: SentryEvent = {
    event_id: randomHex(16),
    timestamp: Date.now() / 1000,
    platform: input.platform ?? "javascript",
    level: "error",
    logger: input.service,
    ...(input.release ? { release: input.release } : {}),
    ...(input.environment ? { environment: input.environment } : {}),
    tags,
    exception: { values: [{ type, value, ...(stack.length ? { stacktrace: { frames: stack } } : {}) }] },
    ...(input.request ? { request: input.request } : {}),
    sdk: { name: "pixorly.envelope", version: "1.0.0" },
  };
  return scrubEvent(event);
}

/** The envelope body for one event: header line, item header line, event line. */
export function envelopeOf(event: SentryEvent, dsn: SentryDsn): string {
  const header = { event_id: event.event_id, sent_at: new Date().toISOString(), dsn: dsn.dsn };
  const payload = JSON.stringify(event);
  return `${JSON.stringify(header)}\n${JSON.stringify({ type: "event", content_type: "application/json" })}\n${payload}\n`;
}

export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; keepalive?: boolean },
) => Promise<{ ok: boolean; status: number }>;

/**
 * Posts the event; never throws (a monitoring outage must not turn into a second error) and answers
 * whether Sentry took it.
 */
export async function sendEvent(
  dsn: SentryDsn,
  event: SentryEvent,
  fetchImpl: FetchLike,
  options: { keepalive?: boolean } = {},
): Promise<boolean> {
  try {
    const response = await fetchImpl(dsn.endpoint, {
      method: "POST",
      headers: {
        "content-type": "application/x-sentry-envelope",
        "x-sentry-auth": `Sentry sentry_version=7, sentry_key=${dsn.publicKey}, sentry_client=pixorly.envelope/1.0.0`,
      },
      body: envelopeOf(event, dsn),
      ...(options.keepalive ? { keepalive: true } : {}),
    });
    return response.ok;
  } catch {
    return false;
  }
}

// V8 (`at fn (file:1:2)`), and Gecko/WebKit (`fn@file:1:2`) stack lines.
const V8_FRAME = /^\s*at (?:(.+?) \()?(.+?):(\d+):(\d+)\)?\s*$/;
const GECKO_FRAME = /^\s*(.*?)@(.+?):(\d+):(\d+)\s*$/;

function parseStack(stack: string): StackFrame[] {
  const frames: StackFrame[] = [];
  for (const line of stack.split("\n").slice(0, 50)) {
    const match = V8_FRAME.exec(line) ?? GECKO_FRAME.exec(line);
    if (!match) continue;
    const [, fn, filename, lineno, colno] = match;
    frames.push({
      ...(fn ? { function: fn } : {}),
      filename: filename!.replace(/[?#].*$/, ""),
      lineno: Number(lineno),
      colno: Number(colno),
      in_app: !filename!.includes("node_modules"),
    });
  }
  // Sentry wants the outermost frame first.
  return frames.reverse();
}

function redactAll(text: string, secrets: (string | undefined)[] = []): string {
  let out = text;
  // Short texts ("a") would cut ordinary words; a prompt is redacted from 4 characters on.
  for (const secret of secrets) if (secret && secret.trim().length >= 4) out = out.split(secret).join("[Filtered]");
  return out;
}

function safeText(value: unknown): string {
  try {
    return typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    return String(value);
  }
}

function randomHex(bytes: number): string {
  const buffer = new Uint8Array(bytes);
  crypto.getRandomValues(buffer);
  return Array.from(buffer, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
