/** Document writes from `ctx.db`: the checks Convex makes before anything is stored. */
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import type { ExecCtx } from "./context.js";
import type { Engine } from "./engine.js";
import { UdfError } from "./errors.js";
import { makeId, tableNumberOf } from "./ids.js";
import type { Doc } from "./store.js";
import { checkValue } from "./validators.js";

const TABLE_NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;
const FIELD_NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;
const MAX_DOC_BYTES = 1024 * 1024;

function requireMutation(ctx: ExecCtx, what: string) {
  if (ctx.kind !== "mutation") throw new UdfError(`${what} can only be called from a mutation`);
}

export function checkTableName(table: unknown): string {
  if (typeof table !== "string" || !TABLE_NAME.test(table)) {
    throw new UdfError(
      `Invalid table name: ${JSON.stringify(table)}. Table names start with a letter and contain only letters, digits and underscores.`,
    );
  }
  return table;
}

function checkFields(value: Record<string, Value>, allowSystem: boolean) {
  for (const key of Object.keys(value)) {
    if (allowSystem && (key === "_id" || key === "_creationTime")) continue;
    if (!FIELD_NAME.test(key)) {
      throw new UdfError(
        `Invalid top-level field name ${JSON.stringify(key)}: field names start with a letter (names starting with "_" are reserved for system fields).`,
      );
    }
  }
}

export class DocumentWriter {
  constructor(private engine: Engine) {}

  /** The table an id belongs to, checked against the table the caller named. */
  tableOf(id: unknown, expected?: string): string {
    const n = typeof id === "string" ? tableNumberOf(id) : null;
    const table = n === null ? undefined : this.engine.store.tableName(n);
    if (!table) throw new UdfError(`Invalid ID: ${JSON.stringify(id)} is not a document ID`);
    if (expected !== undefined && expected !== table) {
      throw new UdfError(`Invalid ID: ${JSON.stringify(id)} is an ID of table "${table}", not "${expected}"`);
    }
    return table;
  }

  /** Checks size and schema; returns the document serialized as it is stored. */
  private validate(table: string, doc: Doc): string {
    // convexToJson: a plain JSON.stringify cannot encode int64 (bigint) fields.
    const json = JSON.stringify(convexToJson(doc as Value));
    const size = Buffer.byteLength(json);
    if (size > MAX_DOC_BYTES)
      throw new UdfError(`Document is too large (${size} bytes, the limit is ${MAX_DOC_BYTES})`);
    const { schema } = this.engine;
    if (!schema.declared || table.startsWith("_")) return json;
    const validator = schema.documentTypes.get(table);
    if (!validator) {
      throw new UdfError(
        `Failed to insert or update a document in table "${table}" because the table is not in the schema.`,
      );
    }
    if (!schema.schemaValidation) return json;
    const { _id, _creationTime, ...fields } = doc;
    void _id;
    void _creationTime;
    const err = checkValue(validator, fields as Value, this.engine.isIdOf);
    if (err) {
      throw new UdfError(
        `Failed to insert or update a document in table "${table}" because it does not match the schema: ${err}`,
      );
    }
    return json;
  }

  /** `old`: the version being replaced (null for an insert), already read by the caller. */
  private put(ctx: ExecCtx, table: string, doc: Doc, old: Doc | null) {
    const json = this.validate(table, doc);
    this.engine.store.write(table, doc._id, doc, ctx.ts, { old, json });
    ctx.writes.add(table);
  }

  insert(ctx: ExecCtx, tableArg: unknown, valueJson: JSONValue): string {
    requireMutation(ctx, "db.insert");
    const table = checkTableName(tableArg);
    if (table.startsWith("_")) throw new UdfError(`System tables (${table}) cannot be written with db.insert`);
    const value = jsonToConvex(valueJson) as Record<string, Value>;
    if (value === null || typeof value !== "object" || Array.isArray(value))
      throw new UdfError("db.insert expects an object");
    checkFields(value, false);
    const id = makeId(this.engine.store.tableNumber(table));
    this.put(ctx, table, { ...value, _id: id, _creationTime: this.engine.nextCreationTime() }, null);
    return id;
  }

  private existing(id: string, table: string, op: string): Doc {
    const found = this.engine.store.get(id);
    if (!found) throw new UdfError(`${op} on nonexistent document ID ${id}`);
    if (table.startsWith("_")) throw new UdfError(`System documents cannot be modified with db.${op.toLowerCase()}`);
    return found.doc;
  }

  private keepSystemFields(old: Doc, value: Record<string, Value | undefined>) {
    for (const f of ["_id", "_creationTime"] as const) {
      if (f in value && value[f] !== undefined && value[f] !== old[f]) {
        throw new UdfError(`Provided ${f} field does not match the document being modified`);
      }
    }
  }

  patch(ctx: ExecCtx, id: string, expected: string | undefined, patchJson: Record<string, JSONValue>) {
    requireMutation(ctx, "db.patch");
    const table = this.tableOf(id, expected);
    const old = this.existing(id, table, "Update");
    const next: Record<string, Value> = { ...old };
    const decoded: Record<string, Value | undefined> = {};
    for (const [key, json] of Object.entries(patchJson ?? {})) {
      const isUnset = json !== null && typeof json === "object" && "$undefined" in (json as object);
      decoded[key] = isUnset ? undefined : jsonToConvex(json);
    }
    this.keepSystemFields(old, decoded);
    checkFields(decoded as Record<string, Value>, true);
    for (const [key, value] of Object.entries(decoded)) {
      if (key === "_id" || key === "_creationTime") continue;
      if (value === undefined) delete next[key];
      else next[key] = value;
    }
    this.put(ctx, table, next as Doc, old);
  }

  replace(ctx: ExecCtx, id: string, expected: string | undefined, valueJson: JSONValue) {
    requireMutation(ctx, "db.replace");
    const table = this.tableOf(id, expected);
    const old = this.existing(id, table, "Replace");
    const value = jsonToConvex(valueJson) as Record<string, Value>;
    this.keepSystemFields(old, value);
    checkFields(value, true);
    this.put(ctx, table, { ...value, _id: old._id, _creationTime: old._creationTime }, old);
  }

  remove(ctx: ExecCtx, id: string, expected: string | undefined) {
    requireMutation(ctx, "db.delete");
    const table = this.tableOf(id, expected);
    this.existing(id, table, "Delete");
    this.engine.store.write(table, id, null, ctx.ts);
    ctx.writes.add(table);
  }
}
