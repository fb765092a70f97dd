/**
 * The scope matrix, generated from the scopes the functions declare (the same source as the README's
 * table): every public user function × every user scope. A token holding only scope S reaches a
 * function exactly when the function declared S, `session`, `first-party` or `own-account`; otherwise FORBIDDEN.
 */
import { makeFunctionReference } from "convex/server";
import { USER_SCOPES } from "@pixorly/core";
import { ConvexError } from "convex/values";
import { beforeAll, describe, expect, it, vi } from "vitest";
// @ts-expect-error a plain ESM script without types
import { publicFunctions } from "../scripts/scope-table.mjs";
import { newBackend, signedIn } from "./setup.testing";

type Row = { name: string; kind: "query" | "mutation" | "action"; scope: string | null };
type ArgType = { type: string; value?: unknown; tableName?: string };

/** A value that passes the argument validator (the scope check runs after argument validation). */
function sample(field: ArgType): unknown {
  switch (field.type) {
    case "string":
      return "x";
    case "number":
    case "float64":
      return 1;
    case "int64":
      return 1n;
    case "boolean":
      return false;
    case "null":
      return null;
    case "any":
      return null;
    case "literal":
      return field.value;
    case "array":
      return [];
    case "union":
      return sample((field.value as ArgType[])[0]!);
    case "object":
      return sampleObject(field.value as Record<string, { fieldType: ArgType; optional: boolean }>);
    default:
      throw new Error(`The scope matrix cannot make a sample ${field.type} argument; add the case here`);
  }
}

function sampleObject(fields: Record<string, { fieldType: ArgType; optional: boolean }>) {
  const out: Record<string, unknown> = {};
  for (const [name, { fieldType, optional }] of Object.entries(fields)) {
    if (optional) continue;
    // A page of one, so paginated functions pass their own numItems check.
    out[name] = name === "numItems" ? 1 : sample(fieldType);
  }
  return out;
}

const USER_FUNCTION_SCOPES = new Set<string>([...USER_SCOPES, "session", "first-party", "own-account"]);
let rows: Row[] = [];
const exportsByModule = new Map<string, Record<string, { exportArgs(): string }>>();

beforeAll(async () => {
  rows = await publicFunctions(async (path: string) => {
    const module = await import(/* @vite-ignore */ path);
    exportsByModule.set(path.replace(/^.*\/convex\//, "").replace(/\.ts$/, ""), module);
    return module;
  });
});

type Caller = ReturnType<typeof signedIn>;

/** The ConvexError data a call fails with, or null when it succeeds or fails otherwise. */
async function convexErrorOf(row: Row, caller: (t: ReturnType<typeof newBackend>) => Caller) {
  vi.useFakeTimers();
  try {
    const t = newBackend();
    const [module, name] = row.name.split(":") as [string, string];
    const args = sampleObject(JSON.parse(exportsByModule.get(module)![name]!.exportArgs()).value);
    const callAs = caller(t);
    const call =
      row.kind === "query"
        ? callAs.query(makeFunctionReference<"query">(row.name), args)
        : row.kind === "action"
          ? callAs.action(makeFunctionReference<"action">(row.name), args)
          : callAs.mutation(makeFunctionReference<"mutation">(row.name), args);
    const error = await call.then(
      () => null,
      (e: unknown) => e,
    );
    return error instanceof ConvexError ? (error.data as { code: string; message: string }) : null;
  } finally {
    vi.useRealTimers();
  }
}

/** True when the call was refused for its scope; any other outcome (success, other errors) is false. */
async function refusedForScope(scope: string, row: Row): Promise<boolean> {
  const data = await convexErrorOf(row, (t) => signedIn(t, "matrix", [scope]));
  return data?.code === "FORBIDDEN" && data.message === `This token does not allow "${row.scope}".`;
}

describe("scope matrix", () => {
  it("every public function declares what its caller needs", () => {
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.filter((r) => r.scope === null).map((r) => r.name)).toEqual([]);
  });

  it("every user function × every scope: refused exactly when the token lacks the declared scope", async () => {
    const userFunctions = rows.filter((r) => r.scope !== null && USER_FUNCTION_SCOPES.has(r.scope));
    expect(userFunctions.length).toBeGreaterThan(15);
    const mismatches: string[] = [];
    for (const row of userFunctions) {
      for (const scope of USER_SCOPES) {
        const expected = (USER_SCOPES as readonly string[]).includes(row.scope!) && row.scope !== scope;
        if ((await refusedForScope(scope, row)) !== expected) {
          mismatches.push(`${row.name} (${row.scope}) with [${scope}]: ${expected ? "not refused" : "refused"}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("every first-party function refuses an embed session (pid) and an API-key session (akid), whatever their scopes", async () => {
    const firstParty = rows.filter((r) => r.scope === "first-party");
    expect(firstParty.length).toBeGreaterThan(0);
    const delegated = {
      pid: (t: ReturnType<typeof newBackend>) =>
        t.withIdentity({
          subject: "partner:p:u",
          issuer: "https://edge.test",
          tokenIdentifier: "https://edge.test|partner:p:u",
          scp: [...USER_SCOPES],
          pid: "p",
          pver: 1,
        }),
      akid: (t: ReturnType<typeof newBackend>) =>
        t.withIdentity({
          subject: "ada",
          issuer: "https://edge.test",
          tokenIdentifier: "https://edge.test|ada",
          scp: [...USER_SCOPES],
          akid: "k",
        }),
    };
    const mismatches: string[] = [];
    for (const row of firstParty) {
      for (const [claim, caller] of Object.entries(delegated)) {
        if ((await convexErrorOf(row, caller))?.code !== "FORBIDDEN")
          mismatches.push(`${row.name} with ${claim}: not refused`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("every own-account function refuses an embed session (pid) and lets an API-key session (akid) through", async () => {
    const own = rows.filter((r) => r.scope === "own-account");
    expect(own.length).toBeGreaterThan(0);
    const mismatches: string[] = [];
    for (const row of own) {
      const embed = await convexErrorOf(row, (t) =>
        t.withIdentity({
          subject: "partner:p:u",
          issuer: "https://edge.test",
          tokenIdentifier: "https://edge.test|partner:p:u",
          scp: [...USER_SCOPES],
          pid: "p",
          pver: 1,
        }),
      );
      if (embed?.code !== "FORBIDDEN") mismatches.push(`${row.name} with pid: not refused`);
      const key = await convexErrorOf(row, (t) =>
        t.withIdentity({
          subject: "ada",
          issuer: "https://edge.test",
          tokenIdentifier: "https://edge.test|ada",
          scp: ["images:read"],
          akid: "k",
        }),
      );
      if (key?.code === "FORBIDDEN") mismatches.push(`${row.name} with akid: refused (${key.message})`);
    }
    expect(mismatches).toEqual([]);
  });
});
