/**
 * `npx convex export` and `npx convex import` (snapshot-format.ts has the ZIP layout). An export reads
 * every table under the engine lock (one consistent snapshot), writes `<data dir>/exports/snapshot_<ts>.zip`
 * and becomes the state `_system/cli/exports:getLatest` answers; `/api/export/zip/<ts>` downloads it.
 * An import is uploaded in parts, parsed and checked at `finish_upload` (state `waiting_for_confirmation`
 * with a summary the CLI shows), and written by `perform_import` in one transaction: with `--replace` the
 * imported tables are emptied first, `--replace-all` empties every table, `--append` adds, and the default
 * requires the tables to be empty. Document ids and creation times are kept (ids carry the table number,
 * taken from `_tables`), documents are checked against the schema, file bytes against their sha256.
 */
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { jsonToConvex, type Value } from "convex/values";
import type { Engine } from "./engine.js";
import { makeId, tableNumberOf } from "./ids.js";
import {
  contextOf,
  fromCleanJson,
  parseJsonLines,
  README,
  SnapshotFormatError,
  storageFileName,
  toCleanJson,
} from "./snapshot-format.js";
import type { FileStore } from "./storage.js";
import type { Doc } from "./store.js";
import { EXPORTS_TABLE, IMPORTS_TABLE, type SnapshotState } from "./system-functions.js";
import { checkValue } from "./validators.js";
import { readZip, writeZip, ZipFormatError, type ZipEntry } from "./zip.js";

const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;
const TABLE_NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;

export class SnapshotError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type ImportMode = "requireEmpty" | "append" | "replace" | "replaceAll";
type ParsedTable = { name: string; number: number | null; docs: Doc[] };
type ParsedImport = { tables: ParsedTable[]; files: Map<string, Buffer> };
type ImportRecord = {
  id: string;
  mode: ImportMode;
  format: string;
  state: Record<string, Value>;
  parsed: ParsedImport | null;
  creationTime: number;
};

function docsOf(engine: Engine, table: string): Doc[] {
  const rows = engine.store.db.prepare("SELECT value FROM documents WHERE table_name = ?").all(table) as {
    value: string;
  }[];
  return rows.map((r) => jsonToConvex(JSON.parse(r.value)) as Doc).sort((a, b) => a._creationTime - b._creationTime);
}

const jsonl = (items: unknown[]) => Buffer.from(items.map((x) => `${JSON.stringify(x)}\n`).join(""));

export class Snapshots implements SnapshotState {
  private latest: Record<string, Value> | null = null;
  private exportsDir: string;
  private uploads = new Map<string, Map<number, Buffer>>();
  private importRecords = new Map<string, ImportRecord>();

  constructor(
    private engine: Engine,
    private files: FileStore,
    dataDir: string,
  ) {
    this.exportsDir = path.join(dataDir, "exports");
  }

  latestExport() {
    return this.latest;
  }

  importState(id: string) {
    const r = this.importRecords.get(id);
    return r ? this.describe(r) : null;
  }

  imports() {
    return [...this.importRecords.values()].map((r) => this.describe(r));
  }

  private describe(r: ImportRecord): Record<string, Value> {
    return { _id: r.id, _creationTime: r.creationTime, state: r.state, format: r.format, mode: r.mode };
  }

  /** Builds the ZIP of every table now (and the files, with `includeStorage`). */
  async requestExport(includeStorage: boolean) {
    await this.engine.systemTransaction((ts, writes) => {
      const store = this.engine.store;
      const entries: ZipEntry[] = [{ name: "README.md", data: Buffer.from(README) }];
      const tables = store
        .tableNames()
        .filter((t) => !t.startsWith("_"))
        .map((name) => ({ name, number: store.tableNumber(name) }))
        .sort((a, b) => a.number - b.number);
      entries.push({
        name: "_tables/documents.jsonl",
        data: jsonl(tables.map(({ name, number }) => ({ name, id: number }))),
      });
      for (const { name } of tables) {
        const docs = docsOf(this.engine, name);
        const overrides = docs.flatMap((d) => {
          const c = contextOf(d);
          return c === "infer" ? [] : [{ [d._id]: c }];
        });
        entries.push({ name: `${name}/generated_schema.jsonl`, data: jsonl(["unknown", ...overrides]) });
        entries.push({ name: `${name}/documents.jsonl`, data: jsonl(docs.map((d) => toCleanJson(d))) });
      }
      if (includeStorage) {
        const storage = docsOf(this.engine, "_storage");
        entries.push({
          name: "_storage/documents.jsonl",
          data: jsonl(
            storage.map((d) => ({
              _id: d._id,
              _creationTime: d._creationTime,
              sha256: d.sha256,
              size: d.size,
              contentType: d.contentType ?? null,
              internalId: d._id,
            })),
          ),
        });
        for (const d of storage) {
          const file = this.files.read(d._id);
          if (file)
            entries.push({ name: storageFileName(d._id, d.contentType as string | undefined), data: file.bytes });
        }
      }
      fs.mkdirSync(this.exportsDir, { recursive: true });
      // One export kept, as the CLI only ever downloads the latest.
      for (const old of fs.readdirSync(this.exportsDir)) fs.rmSync(path.join(this.exportsDir, old), { force: true });
      fs.writeFileSync(path.join(this.exportsDir, `snapshot_${ts}.zip`), writeZip(entries));
      this.latest = {
        state: "completed",
        start_ts: ts,
        complete_ts: ts,
        zip_object_key: `snapshot_${ts}.zip`,
        format: { format: "zip", include_storage: includeStorage },
      };
      writes.add(EXPORTS_TABLE);
    });
  }

  /** The file of the export made at `ts`, or null. */
  exportFile(ts: string): string | null {
    if (!/^\d+$/.test(ts)) return null;
    const file = path.join(this.exportsDir, `snapshot_${ts}.zip`);
    return fs.existsSync(file) ? file : null;
  }

  startUpload(): string {
    const token = randomBytes(16).toString("hex");
    this.uploads.set(token, new Map());
    return token;
  }

  uploadPart(token: string | null, partNumber: number, bytes: Buffer): string {
    const parts = token ? this.uploads.get(token) : undefined;
    if (!parts) throw new SnapshotError(400, "InvalidUploadToken", "Unknown upload token: start the upload again");
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10_000) {
      throw new SnapshotError(400, "InvalidPartNumber", "partNumber must be a whole number from 1 to 10000");
    }
    const total = [...parts.values()].reduce((n, b) => n + b.length, 0) + bytes.length;
    if (total > MAX_UPLOAD_BYTES)
      throw new SnapshotError(413, "ImportTooLarge", `An import may be at most ${MAX_UPLOAD_BYTES} bytes`);
    parts.set(partNumber, bytes);
    return String(partNumber);
  }

  /** Joins the parts, parses and checks them: the import then waits for `perform_import`. */
  async finishUpload(body: Record<string, unknown>): Promise<string> {
    const token = typeof body.uploadToken === "string" ? body.uploadToken : "";
    const parts = this.uploads.get(token);
    if (!parts) throw new SnapshotError(400, "InvalidUploadToken", "Unknown upload token: start the upload again");
    this.uploads.delete(token);
    const partTokens = Array.isArray(body.partTokens) ? body.partTokens : [];
    const bytes = Buffer.concat(
      partTokens.map((t) => {
        const part = parts.get(Number(t));
        if (!part) throw new SnapshotError(400, "InvalidPartToken", `Unknown part token ${JSON.stringify(t)}`);
        return part;
      }),
    );
    const args = (body.import ?? {}) as { tableName?: string; componentPath?: string; mode?: string; format?: string };
    const mode = (["requireEmpty", "append", "replace", "replaceAll"] as const).find((m) => m === args.mode);
    if (!mode) throw new SnapshotError(400, "InvalidImportMode", `Unknown import mode ${JSON.stringify(args.mode)}`);
    if (args.componentPath)
      throw new SnapshotError(400, "ComponentsNotSupported", "convex-local has no components to import into");
    const record: ImportRecord = {
      id: randomBytes(12).toString("hex"),
      mode,
      format: String(args.format),
      state: { state: "uploaded" },
      parsed: null,
      creationTime: Date.now(),
    };
    this.importRecords.set(record.id, record);
    try {
      record.parsed = this.parse(bytes, String(args.format), args.tableName);
      record.state = {
        state: "waiting_for_confirmation",
        message_to_confirm: this.summary(record.parsed, mode),
        require_manual_confirmation: true,
      };
    } catch (e) {
      record.state = { state: "failed", error_message: (e as Error).message };
    }
    await this.touchImports();
    return record.id;
  }

  private async touchImports() {
    await this.engine.systemTransaction((_ts, writes) => writes.add(IMPORTS_TABLE));
  }

  private parse(bytes: Buffer, format: string, tableName: string | undefined): ParsedImport {
    if (format === "zip") return this.parseZip(bytes);
    if (!tableName || !TABLE_NAME.test(tableName))
      throw new SnapshotFormatError(`Invalid table name ${JSON.stringify(tableName)}`);
    let values: unknown[];
    if (format === "jsonLines") values = parseJsonLines(bytes.toString("utf8"), "the file");
    else if (format === "jsonArray") {
      try {
        values = JSON.parse(bytes.toString("utf8"));
      } catch (e) {
        throw new SnapshotFormatError(`The file is not valid JSON: ${(e as Error).message}`);
      }
      if (!Array.isArray(values)) throw new SnapshotFormatError("A jsonArray import must be a JSON array of objects");
    } else throw new SnapshotFormatError(`convex-local imports zip, jsonLines and jsonArray files, not ${format}`);
    return {
      tables: [
        {
          name: tableName,
          number: null,
          docs: values.map((v, i) => this.toDoc(v, "infer", `${tableName} item ${i + 1}`, true)),
        },
      ],
      files: new Map(),
    };
  }

  private toDoc(json: unknown, context: unknown, where: string, allowNew: boolean): Doc {
    if (json === null || typeof json !== "object" || Array.isArray(json))
      throw new SnapshotFormatError(`${where} is not a JSON object`);
    const value = fromCleanJson(json, context) as Record<string, Value>;
    if (value._id !== undefined && typeof value._id !== "string")
      throw new SnapshotFormatError(`${where}: _id must be a string`);
    if (value._creationTime !== undefined && typeof value._creationTime !== "number")
      throw new SnapshotFormatError(`${where}: _creationTime must be a number`);
    if (value._id === undefined && !allowNew) throw new SnapshotFormatError(`${where} has no _id`);
    for (const key of Object.keys(value)) {
      if (key.startsWith("_") && key !== "_id" && key !== "_creationTime")
        throw new SnapshotFormatError(`${where}: field ${key} is reserved (names starting with "_" are system fields)`);
    }
    return value as Doc;
  }

  private parseZip(bytes: Buffer): ParsedImport {
    let entries: ZipEntry[];
    try {
      entries = readZip(bytes);
    } catch (e) {
      if (e instanceof ZipFormatError) throw new SnapshotFormatError(e.message);
      throw e;
    }
    const byName = new Map(entries.map((e) => [e.name, Buffer.from(e.data)]));
    if ([...byName.keys()].some((n) => n.startsWith("_components/"))) {
      throw new SnapshotFormatError(
        "The snapshot has component tables (_components/...), which convex-local does not support",
      );
    }
    const numbers = new Map<string, number>();
    const tablesFile = byName.get("_tables/documents.jsonl");
    if (tablesFile) {
      for (const row of parseJsonLines(tablesFile.toString("utf8"), "_tables/documents.jsonl") as {
        name?: unknown;
        id?: unknown;
      }[]) {
        if (typeof row.name === "string" && Number.isInteger(row.id)) numbers.set(row.name, row.id as number);
      }
    }
    const tables: ParsedTable[] = [];
    for (const [name, data] of byName) {
      const m = /^([^/]+)\/documents\.jsonl$/.exec(name);
      if (!m || m[1].startsWith("_")) continue;
      const table = m[1];
      if (!TABLE_NAME.test(table))
        throw new SnapshotFormatError(`Invalid table name ${JSON.stringify(table)} in the snapshot`);
      const overrides = new Map<string, unknown>();
      const schemaFile = byName.get(`${table}/generated_schema.jsonl`);
      if (schemaFile) {
        for (const line of parseJsonLines(schemaFile.toString("utf8"), `${table}/generated_schema.jsonl`).slice(1)) {
          if (line && typeof line === "object") for (const [id, c] of Object.entries(line)) overrides.set(id, c);
        }
      }
      const docs = parseJsonLines(data.toString("utf8"), name).map((json, i) => {
        const id = (json as { _id?: unknown })?._id;
        return this.toDoc(
          json,
          typeof id === "string" ? (overrides.get(id) ?? "infer") : "infer",
          `${name} line ${i + 1}`,
          false,
        );
      });
      tables.push({ name: table, number: numbers.get(table) ?? null, docs });
    }
    const files = new Map<string, Buffer>();
    const storageFile = byName.get("_storage/documents.jsonl");
    if (storageFile) {
      const byId = new Map<string, Buffer>();
      for (const [name, data] of byName) {
        const m = /^_storage\/([^/.]+)(\.[^/]*)?$/.exec(name);
        if (m && name !== "_storage/documents.jsonl") byId.set(m[1], data);
      }
      const docs: Doc[] = [];
      parseJsonLines(storageFile.toString("utf8"), "_storage/documents.jsonl").forEach((row, i) => {
        const r = row as {
          _id?: unknown;
          _creationTime?: unknown;
          sha256?: unknown;
          size?: unknown;
          contentType?: unknown;
        };
        const where = `_storage/documents.jsonl line ${i + 1}`;
        if (typeof r._id !== "string") throw new SnapshotFormatError(`${where} has no _id`);
        const data = byId.get(r._id);
        if (!data)
          throw new SnapshotFormatError(
            `${where}: the file of ${r._id} is missing from the snapshot (export with --include-file-storage)`,
          );
        const sha256 = createHash("sha256").update(data).digest("base64");
        if (typeof r.sha256 === "string" && r.sha256 !== sha256)
          throw new SnapshotFormatError(`${where}: the file of ${r._id} does not match its sha256`);
        const doc: Doc = {
          _id: r._id,
          _creationTime: typeof r._creationTime === "number" ? r._creationTime : Date.now(),
          sha256,
          size: data.length,
        };
        if (typeof r.contentType === "string") doc.contentType = r.contentType;
        docs.push(doc);
        files.set(r._id, data);
      });
      tables.push({ name: "_storage", number: null, docs });
    }
    if (tables.length === 0)
      throw new SnapshotFormatError("The ZIP has no <table>/documents.jsonl files: is it a Convex snapshot export?");
    return { tables, files };
  }

  private summary(parsed: ParsedImport, mode: ImportMode): string {
    const store = this.engine.store;
    const rows = parsed.tables.map((t) => {
      const existing = store.tableNames().includes(t.name) ? store.count(t.name) : 0;
      const deleted = mode === "replace" || mode === "replaceAll" ? existing : 0;
      return `${t.name} | ${t.docs.length} | ${deleted} of ${existing}`;
    });
    const note = mode === "replaceAll" ? "\nEvery other table is emptied too (--replace-all)." : "";
    return `Import change summary:\ntable | create | delete\n${rows.join("\n")}${note}`;
  }

  /** Writes the import in one transaction; any problem fails it with nothing written. */
  async performImport(importId: unknown) {
    const record = typeof importId === "string" ? this.importRecords.get(importId) : undefined;
    if (!record) throw new SnapshotError(404, "ImportNotFound", `Import ${JSON.stringify(importId)} not found`);
    if (record.state.state !== "waiting_for_confirmation" || !record.parsed) {
      throw new SnapshotError(
        400,
        "ImportNotWaiting",
        `Import ${record.id} is ${String(record.state.state)}, not waiting for confirmation`,
      );
    }
    const parsed = record.parsed;
    record.state = { state: "in_progress", progress_message: "Importing", checkpoint_messages: [] };
    await this.touchImports();
    try {
      const written = await this.write(parsed, record.mode);
      record.state = { state: "completed", num_rows_written: BigInt(written) };
    } catch (e) {
      record.state = { state: "failed", error_message: (e as Error).message };
    }
    record.parsed = null;
    await this.touchImports();
  }

  private async write(parsed: ParsedImport, mode: ImportMode): Promise<number> {
    const engine = this.engine;
    const store = engine.store;
    // Table numbers first (they cannot be rolled back, and an empty registered table is harmless).
    for (const t of parsed.tables) {
      if (t.name === "_storage") {
        const n = store.tableNumber("_storage");
        for (const d of t.docs) {
          if (tableNumberOf(d._id) !== n)
            throw new Error(
              `File id ${d._id} was not made by a convex-local deployment (its table number differs), so it cannot be kept`,
            );
        }
        continue;
      }
      const number = t.number ?? (t.docs.find((d) => d._id) ? tableNumberOf(t.docs.find((d) => d._id)!._id) : null);
      if (number !== null) store.claimTableNumber(t.name, number);
      const own = store.tableNumber(t.name);
      for (const d of t.docs) {
        if (d._id !== undefined && tableNumberOf(d._id) !== own)
          throw new Error(`Document id ${JSON.stringify(d._id)} in table "${t.name}" is not an id of that table`);
      }
    }
    return engine
      .systemTransaction((ts, writes) => {
        const imported = new Set(parsed.tables.map((t) => t.name));
        const everyTable = store
          .tableNames()
          .filter((t) => !t.startsWith("_") || (t === "_storage" && imported.has(t)));
        const emptied = mode === "replaceAll" ? everyTable : mode === "replace" ? [...imported] : [];
        if (mode === "requireEmpty") {
          for (const t of imported) {
            if (store.tableNames().includes(t) && store.count(t) > 0) {
              throw new Error(`Table "${t}" is not empty: import with --replace, --replace-all or --append`);
            }
          }
        }
        for (const t of emptied) {
          if (!store.tableNames().includes(t) || !store.index(`${t}.by_creation_time`)) continue;
          for (const d of docsOf(engine, t)) store.write(t, d._id, null, ts);
          writes.add(t);
        }
        let count = 0;
        const schema = engine.schema;
        for (const t of parsed.tables) {
          const validator = schema.documentTypes.get(t.name);
          if (schema.declared && !t.name.startsWith("_") && !validator)
            throw new Error(`Table "${t.name}" is not in the schema`);
          for (const doc of t.docs) {
            const full: Doc = {
              ...doc,
              _id: doc._id ?? makeId(store.tableNumber(t.name)),
              _creationTime: doc._creationTime ?? engine.nextCreationTime(),
            };
            if (store.get(full._id)) throw new Error(`Document ${full._id} already exists in table "${t.name}"`);
            if (validator && schema.schemaValidation) {
              const { _id, _creationTime, ...fields } = full;
              void _creationTime;
              const err = checkValue(validator, fields as Value, engine.isIdOf);
              if (err)
                throw new Error(`Document with ID "${_id}" in table "${t.name}" does not match the schema: ${err}`);
            }
            if (t.name === "_storage") this.files.putFile(full._id, parsed.files.get(full._id)!);
            store.write(t.name, full._id, full, ts);
            count++;
          }
          writes.add(t.name);
        }
        return count;
      })
      .finally(() => this.files.sweep());
  }
}
