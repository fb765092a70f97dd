/** Evaluates the serialized filter expressions that `query.filter(...)` sends. */
import { jsonToConvex, type Value } from "convex/values";
import { compareValues } from "./keys.js";
import { fieldValue, type Doc } from "./store.js";

type Expr = Record<string, unknown>;

function literal(json: unknown): Value | undefined {
  if (json !== null && typeof json === "object" && "$undefined" in (json as object)) return undefined;
  return jsonToConvex(json as never);
}

function arithmetic(op: string, a: Value | undefined, b: Value | undefined): Value {
  if (typeof a === "bigint" && typeof b === "bigint") {
    if ((op === "$div" || op === "$mod") && b === 0n) throw new Error("Division by zero in filter expression");
    return op === "$add" ? a + b : op === "$sub" ? a - b : op === "$mul" ? a * b : op === "$div" ? a / b : a % b;
  }
  if (typeof a === "number" && typeof b === "number") {
    return op === "$add" ? a + b : op === "$sub" ? a - b : op === "$mul" ? a * b : op === "$div" ? a / b : a % b;
  }
  throw new Error(`Filter arithmetic ${op.slice(1)} needs two numbers or two bigints, got ${typeof a} and ${typeof b}`);
}

export function evaluate(expr: unknown, doc: Doc): Value | undefined {
  const e = expr as Expr;
  const [op] = Object.keys(e);
  const arg = e[op];
  switch (op) {
    case "$field":
      return fieldValue(doc, arg as string);
    case "$literal":
      return literal(arg);
    case "$eq":
    case "$neq":
    case "$lt":
    case "$lte":
    case "$gt":
    case "$gte": {
      const [l, r] = (arg as unknown[]).map((x) => evaluate(x, doc));
      const c = compareValues(l, r);
      return op === "$eq"
        ? c === 0
        : op === "$neq"
          ? c !== 0
          : op === "$lt"
            ? c < 0
            : op === "$lte"
              ? c <= 0
              : op === "$gt"
                ? c > 0
                : c >= 0;
    }
    case "$add":
    case "$sub":
    case "$mul":
    case "$div":
    case "$mod": {
      const [l, r] = (arg as unknown[]).map((x) => evaluate(x, doc));
      return arithmetic(op, l, r);
    }
    case "$neg": {
      const v = evaluate(arg, doc);
      if (typeof v === "number") return -v;
      if (typeof v === "bigint") return -v;
      throw new Error(`Filter neg needs a number, got ${typeof v}`);
    }
    case "$and":
      return (arg as unknown[]).every((x) => evaluate(x, doc) === true);
    case "$or":
      return (arg as unknown[]).some((x) => evaluate(x, doc) === true);
    case "$not":
      return evaluate(arg, doc) !== true;
    default:
      throw new Error(`Unsupported filter expression: ${JSON.stringify(expr).slice(0, 100)}`);
  }
}

export function matches(expr: unknown, doc: Doc): boolean {
  return evaluate(expr, doc) === true;
}
