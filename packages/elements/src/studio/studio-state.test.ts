import { expect } from "@open-wc/testing";
import type { AuthState } from "../client/auth-session.js";
import type { ConnectionStatus } from "../client/connection.js";
import { secondsUntil, studioStatus } from "./studio-state.js";

const client = (connection: ConnectionStatus, authState: AuthState, retryAt: number | null = null) => ({
  connection,
  authState,
  retryAt,
});

describe("studioStatus", () => {
  it('is never "connected" while sign-in failed or expired, even with the socket up', () => {
    expect(studioStatus(true, client("connected", "failed")).state).to.equal("auth-error");
    expect(studioStatus(true, client("connected", "expired")).state).to.equal("auth-error");
    expect(studioStatus(true, client("connected", "signing-in")).state).to.equal("signing-in");
    expect(studioStatus(true, client("connected", "signed-in")).state).to.equal("connected");
  });

  it("puts configuration first, then sign-in, then the transport", () => {
    expect(studioStatus(false, client("connected", "signed-in")).state).to.equal("config-error");
    expect(studioStatus(true, undefined).state).to.equal("connecting");
    expect(studioStatus(true, client("offline", "failed")).state).to.equal("auth-error");
    expect(studioStatus(true, client("offline", "signed-in")).state).to.equal("offline");
    expect(studioStatus(true, client("reconnecting", "signing-in", 5000))).to.deep.equal({
      state: "reconnecting",
      retryAt: 5000,
    });
  });

  it("counts down whole seconds to the next attempt", () => {
    expect(secondsUntil(10_000, 6_200)).to.equal(4);
    expect(secondsUntil(10_000, 9_999)).to.equal(1);
    expect(secondsUntil(10_000, 10_000)).to.equal(null);
    expect(secondsUntil(null, 0)).to.equal(null);
  });
});
