import { afterEach, describe, expect, it, vi } from "vitest";
import {
  CLOSED_CIRCUIT,
  CircuitBreaker,
  canAttempt,
  recordFailure,
  recordSuccess,
  withRetries,
  withTimeout,
} from "./resilience";
import { ProviderError } from "./types";

const retryable = (retryAfterMs?: number) =>
  new ProviderError("PROVIDER_ERROR", "upstream 502", { retryable: true, retryAfterMs });
const final = () => new ProviderError("INVALID_ARGUMENT", "bad size", { retryable: false });

function clock(start = 1_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

describe("withRetries", () => {
  it("retries retryable errors with capped exponential backoff and full jitter", async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const result = await withRetries(
      async (attempt) => {
        calls++;
        if (attempt < 4) throw retryable();
        return "ok";
      },
      { attempts: 5, baseDelayMs: 100, maxDelayMs: 300, sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 },
    );
    expect(result).toBe("ok");
    expect(calls).toBe(4);
    expect(sleeps).toEqual([50, 100, 150]);
  });

  it("honours retryAfterMs over the backoff", async () => {
    const sleeps: number[] = [];
    let calls = 0;
    await withRetries(
      async () => {
        if (calls++ === 0) throw retryable(2_500);
        return "ok";
      },
      { attempts: 3, baseDelayMs: 100, maxDelayMs: 1_000, sleep: async (ms) => void sleeps.push(ms) },
    );
    expect(sleeps).toEqual([2_500]);
  });

  it("does not retry non-retryable or foreign errors", async () => {
    const fn = vi.fn(async () => {
      throw final();
    });
    await expect(
      withRetries(fn, { attempts: 5, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => {} }),
    ).rejects.toMatchObject({
      code: "INVALID_ARGUMENT",
    });
    expect(fn).toHaveBeenCalledTimes(1);
    const boom = vi.fn(async () => {
      throw new TypeError("bug");
    });
    await expect(
      withRetries(boom, { attempts: 5, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => {} }),
    ).rejects.toThrow(TypeError);
    expect(boom).toHaveBeenCalledTimes(1);
  });

  it("gives up after the last attempt with the last error", async () => {
    const errors = [retryable(), retryable(), retryable()];
    let calls = 0;
    const fn = async () => {
      throw errors[calls++];
    };
    await expect(withRetries(fn, { attempts: 3, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => {} })).rejects.toBe(
      errors[2],
    );
    expect(calls).toBe(3);
  });

  it("never waits past the deadline", async () => {
    const time = clock();
    const sleeps: number[] = [];
    const fn = vi.fn(async () => {
      throw retryable(5_000);
    });
    await expect(
      withRetries(fn, {
        attempts: 10,
        baseDelayMs: 1,
        maxDelayMs: 1,
        deadlineMs: 4_000,
        now: time.now,
        sleep: async (ms) => void (sleeps.push(ms), time.advance(ms)),
      }),
    ).rejects.toMatchObject({ retryAfterMs: 5_000 });
    expect(fn).toHaveBeenCalledTimes(1);
    expect(sleeps).toEqual([]);
  });
});

describe("withTimeout", () => {
  afterEach(() => vi.useRealTimers());

  it("aborts the signal and rejects with a retryable TIMEOUT", async () => {
    vi.useFakeTimers();
    let seen: AbortSignal | undefined;
    const pending = withTimeout((signal) => {
      seen = signal;
      return new Promise<never>(() => {});
    }, 1_000);
    const outcome = expect(pending).rejects.toMatchObject({ code: "TIMEOUT", retryable: true });
    await vi.advanceTimersByTimeAsync(1_000);
    await outcome;
    expect(seen?.aborted).toBe(true);
  });

  it("reports the timeout even when the callee throws its own abort error", async () => {
    vi.useFakeTimers();
    const pending = withTimeout(
      (signal) =>
        new Promise<never>((_, reject) =>
          signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))),
        ),
      500,
    );
    const outcome = expect(pending).rejects.toMatchObject({ code: "TIMEOUT" });
    await vi.advanceTimersByTimeAsync(500);
    await outcome;
  });

  it("passes results and errors through in time", async () => {
    await expect(withTimeout(async () => 42, 1_000)).resolves.toBe(42);
    await expect(withTimeout(async () => Promise.reject(final()), 1_000)).rejects.toMatchObject({
      code: "INVALID_ARGUMENT",
    });
  });
});

describe("circuit state", () => {
  const options = { threshold: 3, cooldownMs: 10_000 };

  it("opens after the threshold of consecutive failures", () => {
    let state = CLOSED_CIRCUIT;
    state = recordFailure(state, 1, options);
    state = recordFailure(state, 2, options);
    expect(state).toEqual({ state: "closed", failures: 2, openedAt: null });
    state = recordFailure(state, 3, options);
    expect(state).toEqual({ state: "open", failures: 3, openedAt: 3 });
  });

  it("a success resets the count", () => {
    const state = recordSuccess(recordFailure(CLOSED_CIRCUIT, 1, options), 2);
    expect(state).toEqual(CLOSED_CIRCUIT);
  });

  it("fails fast while open, then lets exactly one probe through", () => {
    const open = { state: "open" as const, failures: 3, openedAt: 0 };
    expect(canAttempt(open, 9_999, 10_000).allowed).toBe(false);
    const probe = canAttempt(open, 10_000, 10_000);
    expect(probe).toEqual({ allowed: true, state: { state: "half-open", failures: 3, openedAt: 10_000 } });
    expect(canAttempt(probe.state, 10_001, 10_000).allowed).toBe(false);
    expect(recordSuccess(probe.state, 10_002)).toEqual(CLOSED_CIRCUIT);
    expect(recordFailure(probe.state, 10_002, options)).toEqual({ state: "open", failures: 4, openedAt: 10_002 });
  });

  it("lets a new probe go when the previous one never reported back", () => {
    const stuck = { state: "half-open" as const, failures: 3, openedAt: 0 };
    expect(canAttempt(stuck, 10_000, 10_000).allowed).toBe(true);
  });

  it("is plain JSON data", () => {
    const state = recordFailure(CLOSED_CIRCUIT, 5, { threshold: 1, cooldownMs: 1 });
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });
});

describe("CircuitBreaker", () => {
  it("does not count refusals as failures", async () => {
    const breaker = new CircuitBreaker({ threshold: 1, cooldownMs: 1_000, now: () => 0 });
    await expect(breaker.run(async () => Promise.reject(final()))).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
    expect(breaker.state.state).toBe("closed");
    await expect(breaker.run(async () => Promise.reject(retryable()))).rejects.toMatchObject({ retryable: true });
    expect(breaker.state.state).toBe("open");
    await expect(breaker.run(async () => "never")).rejects.toMatchObject({
      code: "PROVIDER_ERROR",
      retryable: false,
      retryAfterMs: 1_000,
    });
  });
});
