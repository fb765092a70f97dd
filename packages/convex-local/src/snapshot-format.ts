/**
 * Convex's snapshot ZIP format, both ways (the backend's exports/zip_uploader.rs, export_storage.rs and
 * shape_inference/export_context.rs): `_tables/documents.jsonl` (`{name, id}` per user table),
 * `<table>/documents.jsonl` (documents as "clean JSON": int64 as a decimal string, bytes as base64, NaN and
 * infinities as strings) with `<table>/generated_schema.jsonl` (the table's shape as a JSON string, then one
 * `{"<id>": <export context>}` line per document whose clean JSON is ambiguous), `_storage/documents.jsonl`
 * (file metadata) and `_storage/<id><.ext>` (the files). The shape written is `unknown`, so every document
 * holding an int64, bytes or a special float gets its export context, and the ZIP round-trips exactly.
 */
import type { Value } from "convex/values";

export const README = `# Welcome to your Convex snapshot export!

This ZIP file contains a snapshot of the tables in your Convex deployment.

Documents for each table are listed as lines of JSON in
<table_name>/documents.jsonl files.

For details on the format and how to use this snapshot with npx convex import,
check out [the docs](https://docs.convex.dev/database/import-export/export).
`;

export type ExportContext =
  | "infer"
  | "int64"
  | "bytes"
  | "float64inf"
  | { $float64NaN: string }
  | ExportContext[]
  | { [field: string]: ExportContext };

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof ArrayBuffer) && !ArrayBuffer.isView(v);

/** A value as "clean JSON" (ValueFormat::ConvexCleanJSON). */
export function toCleanJson(v: Value | undefined): unknown {
  if (typeof v === "bigint") return v.toString();
  if (v instanceof ArrayBuffer) return Buffer.from(v).toString("base64");
  if (typeof v === "number") {
    if (Number.isNaN(v)) return "NaN";
    if (v === Infinity) return "Infinity";
    if (v === -Infinity) return "-Infinity";
    return v;
  }
  if (Array.isArray(v)) return v.map(toCleanJson);
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = toCleanJson(x as Value);
    return out;
  }
  return v;
}

/** The export context of a value under the `unknown` shape (what makes its clean JSON decode back exactly). */
export function contextOf(v: Value | undefined): ExportContext {
  if (typeof v === "bigint") return "int64";
  if (v instanceof ArrayBuffer) return "bytes";
  if (typeof v === "number") {
    if (Number.isNaN(v)) {
      const bytes = Buffer.alloc(8);
      bytes.writeDoubleLE(v);
      return { $float64NaN: bytes.toString("base64") };
    }
    return Number.isFinite(v) ? "infer" : "float64inf";
  }
  if (Array.isArray(v)) {
    const items = v.map(contextOf);
    return items.every((c) => c === "infer") ? "infer" : items;
  }
  if (isPlainObject(v)) {
    const fields: Record<string, ExportContext> = {};
    for (const [k, x] of Object.entries(v)) {
      const c = contextOf(x as Value);
      if (c !== "infer") fields[k] = c;
    }
    return Object.keys(fields).length ? fields : "infer";
  }
  return "infer";
}

export class SnapshotFormatError extends Error {}

/** Clean JSON back to a value, following its export context (`infer`: as JSON says). */
export function fromCleanJson(json: unknown, context: unknown = "infer"): Value {
  if (context === "int64") {
    if (typeof json !== "string" || !/^-?\d+$/.test(json))
      throw new SnapshotFormatError(`Expected an int64 as a decimal string, got ${JSON.stringify(json)}`);
    return BigInt(json);
  }
  if (context === "bytes") {
    if (typeof json !== "string")
      throw new SnapshotFormatError(`Expected bytes as a base64 string, got ${JSON.stringify(json)}`);
    const buf = Buffer.from(json, "base64");
    return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  }
  if (context === "float64inf") {
    if (json === "Infinity") return Infinity;
    if (json === "-Infinity") return -Infinity;
    throw new SnapshotFormatError(`Expected "Infinity" or "-Infinity", got ${JSON.stringify(json)}`);
  }
  if (isPlainObject(context) && typeof context.$float64NaN === "string") return NaN;
  if (context === "set" || context === "map")
    throw new SnapshotFormatError("Sets and maps (deprecated Convex types) are not supported");
  if (Array.isArray(json)) {
    if (Array.isArray(context) && context.length !== json.length)
      throw new SnapshotFormatError("An array's export context does not match its length");
    return json.map((x, i) => fromCleanJson(x, Array.isArray(context) ? context[i] : "infer"));
  }
  if (isPlainObject(json)) {
    const fields = isPlainObject(context) ? context : {};
    const out: Record<string, Value> = {};
    for (const [k, x] of Object.entries(json)) out[k] = fromCleanJson(x, fields[k] ?? "infer");
    return out;
  }
  if (json === null || typeof json === "string" || typeof json === "number" || typeof json === "boolean") return json;
  throw new SnapshotFormatError(`Unexpected JSON value ${JSON.stringify(json)}`);
}

const EXTENSIONS: Record<string, string> = {
  "image/png": ".png",
  "image/jpeg": ".jpg",
  "image/webp": ".webp",
  "image/avif": ".avif",
  "image/gif": ".gif",
  "image/svg+xml": ".svg",
  "application/json": ".json",
  "application/pdf": ".pdf",
  "text/plain": ".txt",
  "text/csv": ".csv",
};

/** `_storage/<id>.<ext>`: the extension is only a guess from the content type, as Convex's. */
export function storageFileName(id: string, contentType: string | null | undefined): string {
  return `_storage/${id}${(contentType && EXTENSIONS[contentType.split(";")[0].trim().toLowerCase()]) ?? ""}`;
}

/** Lines of a JSONL file (blank lines skipped), each parsed; errors name the file and line. */
export function parseJsonLines(text: string, file: string): unknown[] {
  const out: unknown[] = [];
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    try {
      out.push(JSON.parse(line));
    } catch (e) {
      throw new SnapshotFormatError(`${file} line ${i + 1} is not valid JSON: ${(e as Error).message}`);
    }
  });
  return out;
}
