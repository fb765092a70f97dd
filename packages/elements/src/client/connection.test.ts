import { expect } from "@open-wc/testing";
import type { ConnectionState } from "convex/browser";
import { connectionStatus, reconnectDelayFromLog } from "./connection.js";

const state = (overrides: Partial<ConnectionState>): ConnectionState => ({
  hasInflightRequests: false,
  isWebSocketConnected: false,
  timeOfOldestInflightRequest: null,
  hasEverConnected: false,
  connectionCount: 0,
  connectionRetries: 0,
  inflightMutations: 0,
  inflightActions: 0,
  ...overrides,
});

describe("connectionStatus", () => {
  it("maps the Convex client state to what people are shown", () => {
    expect(connectionStatus(state({}), true)).to.equal("connecting");
    expect(connectionStatus(state({ isWebSocketConnected: true, hasEverConnected: true }), true)).to.equal("connected");
    expect(connectionStatus(state({ hasEverConnected: true, connectionRetries: 1 }), true)).to.equal("reconnecting");
    expect(connectionStatus(state({ connectionRetries: 3 }), true), "never reached: still retrying").to.equal(
      "reconnecting",
    );
    expect(connectionStatus(state({ isWebSocketConnected: true }), false), "browser offline").to.equal("offline");
  });

  it("reads the reconnect delay from the Convex client log line, and nothing else", () => {
    expect(reconnectDelayFromLog(["Attempting reconnect in 1534ms"])).to.equal(1534);
    expect(reconnectDelayFromLog(["WebSocket reconnected"])).to.equal(null);
    expect(reconnectDelayFromLog([{ message: "x" }])).to.equal(null);
  });
});
