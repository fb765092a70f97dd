/**
 * Checks Convex values against validator JSON (what `exportArgs`, `exportReturns`
 * and `schema.export()` produce), with error texts shaped like Convex's own:
 * they name the path of the offending field, the value and the validator.
 */
import { convexToJson, type Value } from "convex/values";

export type ValidatorJSON =
  | { type: "null" | "number" | "bigint" | "boolean" | "string" | "bytes" | "any" | "commitTs" }
  | { type: "literal"; value: unknown }
  | { type: "id"; tableName: string }
  | { type: "array"; value: ValidatorJSON }
  | { type: "record"; keys: ValidatorJSON; values: { fieldType: ValidatorJSON } }
  | { type: "object"; value: Record<string, { fieldType: ValidatorJSON; optional: boolean }> }
  | { type: "union"; value: ValidatorJSON[] };

/** Answers whether an id string belongs to a table (ids encode their table). */
export type IdChecker = (id: string, tableName: string) => boolean;

export function printValidator(v: ValidatorJSON): string {
  switch (v.type) {
    case "literal":
      return `v.literal(${JSON.stringify(v.value)})`;
    case "id":
      return `v.id("${v.tableName}")`;
    case "array":
      return `v.array(${printValidator(v.value)})`;
    case "record":
      return `v.record(${printValidator(v.keys)}, ${printValidator(v.values.fieldType)})`;
    case "object":
      return `v.object({${Object.entries(v.value)
        .map(
          ([k, f]) =>
            `${k}: ${f.optional ? `v.optional(${printValidator(f.fieldType)})` : printValidator(f.fieldType)}`,
        )
        .join(", ")}})`;
    case "union":
      return `v.union(${v.value.map(printValidator).join(", ")})`;
    case "number":
      return "v.float64()";
    case "bigint":
      return "v.int64()";
    default:
      return `v.${v.type}()`;
  }
}

function show(value: Value | undefined): string {
  if (value === undefined) return "undefined";
  const s = JSON.stringify(convexToJson(value));
  return s.length > 200 ? s.slice(0, 200) + "…" : s;
}

function isPlainObject(v: unknown): v is Record<string, Value> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof ArrayBuffer);
}

function literalMatches(expected: unknown, value: Value): boolean {
  if (typeof value === "bigint") {
    return isPlainObject(expected) && "$integer" in expected
      ? JSON.stringify(convexToJson(value)) === JSON.stringify(expected)
      : false;
  }
  return expected === value;
}

function mismatchOf(validator: ValidatorJSON, value: Value | undefined, path: string): string {
  return `Value does not match validator.\nPath: ${path || "(root)"}\nValue: ${show(value)}\nValidator: ${printValidator(validator)}`;
}

/** Returns null when `value` matches, otherwise a message naming the path. (No closures: this runs on every write.) */
export function checkValue(
  validator: ValidatorJSON,
  value: Value | undefined,
  isIdOf: IdChecker,
  path = "",
): string | null {
  switch (validator.type) {
    case "any":
      return value === undefined ? mismatchOf(validator, value, path) : null;
    case "null":
      return value === null ? null : mismatchOf(validator, value, path);
    case "number":
      return typeof value === "number" ? null : mismatchOf(validator, value, path);
    case "bigint":
    case "commitTs":
      return typeof value === "bigint" ? null : mismatchOf(validator, value, path);
    case "boolean":
      return typeof value === "boolean" ? null : mismatchOf(validator, value, path);
    case "string":
      return typeof value === "string" ? null : mismatchOf(validator, value, path);
    case "bytes":
      return value instanceof ArrayBuffer ? null : mismatchOf(validator, value, path);
    case "literal":
      return value !== undefined && literalMatches(validator.value, value) ? null : mismatchOf(validator, value, path);
    case "id":
      return typeof value === "string" && isIdOf(value, validator.tableName)
        ? null
        : mismatchOf(validator, value, path);
    case "array": {
      if (!Array.isArray(value)) return mismatchOf(validator, value, path);
      for (let i = 0; i < value.length; i++) {
        const err = checkValue(validator.value, value[i], isIdOf, `${path}[${i}]`);
        if (err) return err;
      }
      return null;
    }
    case "record": {
      if (!isPlainObject(value)) return mismatchOf(validator, value, path);
      for (const [k, item] of Object.entries(value)) {
        const keyErr = checkValue(validator.keys, k, isIdOf, `${path}.${k}`);
        if (keyErr) return keyErr;
        const err = checkValue(validator.values.fieldType, item, isIdOf, `${path}.${k}`);
        if (err) return err;
      }
      return null;
    }
    case "object": {
      if (!isPlainObject(value)) return mismatchOf(validator, value, path);
      for (const [field, { fieldType, optional }] of Object.entries(validator.value)) {
        const item = value[field];
        if (item === undefined) {
          if (optional) continue;
          return `Object is missing the required field \`${field}\`. Consider wrapping the field validator in \`v.optional(...)\` if this is expected.\n\nObject: ${show(value)}\nValidator: ${printValidator(validator)}`;
        }
        const err = checkValue(fieldType, item, isIdOf, `${path}.${field}`);
        if (err) return err;
      }
      for (const field of Object.keys(value)) {
        if (!(field in validator.value) && value[field] !== undefined) {
          return `Object contains extra field \`${field}\` that is not in the validator.\n\nObject: ${show(value)}\nValidator: ${printValidator(validator)}`;
        }
      }
      return null;
    }
    case "union":
      return validator.value.some((member) => checkValue(member, value, isIdOf, path) === null)
        ? null
        : mismatchOf(validator, value, path);
  }
}
