// The one check of a frame from the socket: typed messages out, a ProtocolError naming the problem otherwise.
import { describe, expect, it } from "vitest";
import { encodeStateVersion, parseClientMessage, ProtocolError } from "./protocol.js";

const frame = (msg: unknown) => JSON.stringify(msg);

describe("parseClientMessage", () => {
  it("reads the messages ConvexClient sends", () => {
    expect(
      parseClientMessage(
        frame({
          type: "ModifyQuerySet",
          baseVersion: 0,
          newVersion: 1,
          modifications: [
            { type: "Add", queryId: 0, udfPath: "jobs:list", args: [{}], journal: null },
            { type: "Remove", queryId: 3 },
          ],
        }),
      ),
    ).toEqual({
      type: "ModifyQuerySet",
      baseVersion: 0,
      newVersion: 1,
      modifications: [
        { type: "Add", queryId: 0, udfPath: "jobs:list", args: [{}], journal: null },
        { type: "Remove", queryId: 3 },
      ],
    });
    expect(
      parseClientMessage(frame({ type: "Mutation", requestId: 4, udfPath: "jobs:create", args: [{ a: 1 }] })),
    ).toEqual({ type: "Mutation", requestId: 4, udfPath: "jobs:create", args: [{ a: 1 }] });
    expect(
      parseClientMessage(frame({ type: "Authenticate", tokenType: "User", value: "jwt", baseVersion: 0 })),
    ).toEqual({
      type: "Authenticate",
      tokenType: "User",
      value: "jwt",
      baseVersion: 0,
    });
    expect(parseClientMessage(frame({ type: "Connect", sessionId: "s", connectionCount: 0 }))).toEqual({
      type: "Connect",
    });
  });

  it("answers an unknown token type as a token it does not take, not as a broken frame", () => {
    expect(parseClientMessage(frame({ type: "Authenticate", tokenType: "Magic", value: "x", baseVersion: 2 }))).toEqual(
      {
        type: "Authenticate",
        tokenType: "Unsupported",
        name: "Magic",
        baseVersion: 2,
      },
    );
  });

  it.each([
    [null, /binary frames/],
    ["{not json", /Malformed message/],
    [frame([1, 2]), /has no type/],
    [frame({ type: "Teleport" }), /unknown message type "Teleport"/],
    [frame({ type: "Mutation", udfPath: "a:b", args: [{}] }), /Mutation message: needs a requestId/],
    [frame({ type: "Action", requestId: 1, udfPath: 5, args: [{}] }), /Action message: udfPath must be text/],
    [frame({ type: "Mutation", requestId: 1, udfPath: "a:b", args: [{}, {}] }), /args must be \[object\]/],
    [
      frame({ type: "ModifyQuerySet", baseVersion: 0, newVersion: -1, modifications: [] }),
      /newVersion must be a whole number/,
    ],
    [
      frame({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: {} }),
      /modifications must be a list/,
    ],
    [
      frame({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications: [{ type: "Swap" }] }),
      /unknown modification/,
    ],
    [
      frame({
        type: "ModifyQuerySet",
        baseVersion: 0,
        newVersion: 1,
        modifications: [{ type: "Add", queryId: 1, udfPath: "a:b" }],
      }),
      /Add: args must be/,
    ],
    [frame({ type: "Authenticate", tokenType: "User", baseVersion: 0 }), /value must be text/],
    [frame({ type: "Authenticate", tokenType: "None", baseVersion: "0" }), /baseVersion must be a whole number/],
  ])("refuses %s by name", (raw, message) => {
    expect(() => parseClientMessage(raw)).toThrow(ProtocolError);
    expect(() => parseClientMessage(raw)).toThrow(message);
  });
});

describe("encodeStateVersion", () => {
  it("carries the timestamp as eight little-endian bytes in base64", () => {
    const encoded = encodeStateVersion({ querySet: 2, identity: 1, ts: 1n });
    expect(encoded).toEqual({ querySet: 2, identity: 1, ts: Buffer.from([1, 0, 0, 0, 0, 0, 0, 0]).toString("base64") });
  });
});
