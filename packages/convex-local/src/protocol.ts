/**
 * The sync protocol's messages, as `ConvexClient` sends and expects them
 * (node_modules/convex/src/browser/sync/protocol.ts), typed once here. `parseClientMessage` is the
 * one place a frame from the socket is checked: everything after it works on typed messages, and a
 * malformed frame becomes a `ProtocolError` naming what is wrong (the session closes with it, as
 * Convex closes a connection that breaks the protocol).
 */
import type { JSONValue } from "convex/values";

/** A frame that breaks the protocol: the connection is closed with a FatalError carrying this message. */
export class ProtocolError extends Error {}

/** Everything that identifies the state a client has seen, as Convex's `StateVersion`. */
export type StateVersion = { querySet: number; identity: number; ts: bigint };

export type AddQuery = { type: "Add"; queryId: number; udfPath: string; args: [JSONValue]; journal?: string | null };
export type RemoveQuery = { type: "Remove"; queryId: number };
export type ModifyQuerySet = {
  type: "ModifyQuerySet";
  baseVersion: number;
  newVersion: number;
  modifications: (AddQuery | RemoveQuery)[];
};
/** A mutation or an action: one argument object, answered under the same request id. */
export type FunctionRequest = { type: "Mutation" | "Action"; requestId: number; udfPath: string; args: [JSONValue] };
export type Authenticate =
  | { type: "Authenticate"; tokenType: "Admin"; value: string; baseVersion: number; impersonating?: unknown }
  | { type: "Authenticate"; tokenType: "User"; value: string; baseVersion: number }
  | { type: "Authenticate"; tokenType: "None"; baseVersion: number }
  /** A token type convex-local does not take (answered with an AuthError, as a refused token). */
  | { type: "Authenticate"; tokenType: "Unsupported"; name: string; baseVersion: number };
/** Messages convex-local reads nothing from (session bookkeeping, client telemetry). */
export type Ignored = { type: "Connect" | "Event" };
export type ClientMessage = ModifyQuerySet | FunctionRequest | Authenticate | Ignored;

export type StateModification =
  | { type: "QueryUpdated"; queryId: number; value: JSONValue; logLines: string[]; journal: string | null }
  | {
      type: "QueryFailed";
      queryId: number;
      errorMessage: string;
      /** Left out (not null) for a plain Error: the client makes any present errorData a ConvexError. */
      errorData?: JSONValue;
      logLines: string[];
      journal: null;
    }
  | { type: "QueryRemoved"; queryId: number };

type EncodedStateVersion = { querySet: number; identity: number; ts: string };
export type ServerMessage =
  | {
      type: "Transition";
      startVersion: EncodedStateVersion;
      endVersion: EncodedStateVersion;
      modifications: StateModification[];
    }
  | {
      type: "MutationResponse";
      requestId: number;
      success: boolean;
      result: JSONValue;
      ts?: string;
      errorData?: JSONValue;
      logLines: string[];
    }
  | {
      type: "ActionResponse";
      requestId: number;
      success: boolean;
      result: JSONValue;
      errorData?: JSONValue;
      logLines: string[];
    }
  | { type: "AuthError"; error: string; baseVersion: number; authUpdateAttempted: boolean }
  | { type: "FatalError"; error: string }
  | { type: "Ping" };

/** A timestamp as the protocol carries it: the u64's eight little-endian bytes in base64. */
export function encodeTs(ts: bigint): string {
  const buf = Buffer.alloc(8);
  buf.writeBigUInt64LE(ts);
  return buf.toString("base64");
}

export function encodeStateVersion(version: StateVersion): EncodedStateVersion {
  return { querySet: version.querySet, identity: version.identity, ts: encodeTs(version.ts) };
}

type Raw = Record<string, unknown>;

const isVersion = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

function requireVersion(msg: Raw, field: string): number {
  const value = msg[field];
  if (!isVersion(value)) throw new ProtocolError(`Malformed ${String(msg.type)}: ${field} must be a whole number`);
  return value;
}

/** `args` is always a one-element array holding the argument object. */
function requireArgs(msg: Raw, what: string): [JSONValue] {
  const { args } = msg;
  if (!Array.isArray(args) || args.length !== 1) throw new ProtocolError(`Malformed ${what}: args must be [object]`);
  return args as [JSONValue];
}

function requireUdfPath(msg: Raw, what: string): string {
  if (typeof msg.udfPath !== "string") throw new ProtocolError(`Malformed ${what}: udfPath must be text`);
  return msg.udfPath;
}

function parseModification(m: unknown): AddQuery | RemoveQuery {
  const mod = (m ?? {}) as Raw;
  if (mod.type === "Add") {
    if (!isVersion(mod.queryId)) throw new ProtocolError("Malformed ModifyQuerySet: Add needs a queryId");
    const journal = typeof mod.journal === "string" ? mod.journal : null;
    return {
      type: "Add",
      queryId: mod.queryId,
      udfPath: requireUdfPath(mod, "ModifyQuerySet Add"),
      args: requireArgs(mod, "ModifyQuerySet Add"),
      journal,
    };
  }
  if (mod.type === "Remove") {
    if (!isVersion(mod.queryId)) throw new ProtocolError("Malformed ModifyQuerySet: Remove needs a queryId");
    return { type: "Remove", queryId: mod.queryId };
  }
  throw new ProtocolError("Malformed ModifyQuerySet: unknown modification");
}

/** Reads one text frame; throws `ProtocolError` naming the first thing that is wrong. */
export function parseClientMessage(raw: string | null): ClientMessage {
  if (raw === null) throw new ProtocolError("Malformed message: binary frames are not part of the protocol");
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (e) {
    throw new ProtocolError(`Malformed message: ${(e as Error).message}`);
  }
  if (
    parsed === null ||
    typeof parsed !== "object" ||
    Array.isArray(parsed) ||
    typeof (parsed as Raw).type !== "string"
  )
    throw new ProtocolError("Malformed message: message has no type");
  const msg = parsed as Raw;
  switch (msg.type) {
    case "Connect":
    case "Event":
      return { type: msg.type };
    case "ModifyQuerySet": {
      if (!Array.isArray(msg.modifications))
        throw new ProtocolError("Malformed ModifyQuerySet: modifications must be a list");
      return {
        type: "ModifyQuerySet",
        baseVersion: requireVersion(msg, "baseVersion"),
        newVersion: requireVersion(msg, "newVersion"),
        modifications: msg.modifications.map(parseModification),
      };
    }
    case "Mutation":
    case "Action": {
      if (!isVersion(msg.requestId)) throw new ProtocolError(`Malformed ${msg.type} message: needs a requestId`);
      const what = `${msg.type} message`;
      return {
        type: msg.type,
        requestId: msg.requestId,
        udfPath: requireUdfPath(msg, what),
        args: requireArgs(msg, what),
      };
    }
    case "Authenticate": {
      const baseVersion = requireVersion(msg, "baseVersion");
      if (msg.tokenType === "None") return { type: "Authenticate", tokenType: "None", baseVersion };
      if (msg.tokenType !== "Admin" && msg.tokenType !== "User")
        return {
          type: "Authenticate",
          tokenType: "Unsupported",
          name: String(msg.tokenType).slice(0, 40),
          baseVersion,
        };
      if (typeof msg.value !== "string") throw new ProtocolError("Malformed Authenticate: value must be text");
      return msg.tokenType === "Admin"
        ? { type: "Authenticate", tokenType: "Admin", value: msg.value, baseVersion, impersonating: msg.impersonating }
        : { type: "Authenticate", tokenType: "User", value: msg.value, baseVersion };
    }
    default:
      throw new ProtocolError(`Malformed message: unknown message type ${JSON.stringify(msg.type).slice(0, 60)}`);
  }
}
