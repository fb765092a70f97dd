/**
 * Retries, timeouts and a circuit breaker around provider calls. Everything
 * takes its clock and sleep as options so tests run instantly, and the breaker
 * state is plain data so it can live in a Convex table shared by every action.
 */
import { ProviderError, isProviderError } from "./types";

export interface RetryOptions {
  /** Total tries, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Time budget from the first try; no wait is started that would end past it. */
  deadlineMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** A number in [0, 1); injectable so tests can pin the jitter. */
  random?: () => number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn` until it succeeds, fails with anything but a retryable `ProviderError`,
 * runs out of attempts, or the next wait would overrun the deadline. Waits use
 * "full jitter" backoff (random in 0..base·2ⁿ, capped) so many jobs failing together
 * do not retry in lockstep; a provider's `retryAfterMs` wins because it knows better.
 */
export async function withRetries<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const deadline = options.deadlineMs === undefined ? Number.POSITIVE_INFINITY : now() + options.deadlineMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (!isProviderError(error) || !error.retryable || attempt >= options.attempts) throw error;
      const backoff = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
      const delay = error.retryAfterMs ?? Math.floor(random() * backoff);
      if (now() + delay >= deadline) throw error;
      await sleep(delay);
    }
  }
}

/**
 * Runs `fn` with a signal that aborts after `ms`, and stops waiting for it then even
 * if `fn` ignores the signal. A timeout becomes a retryable `TIMEOUT` error.
 */
export async function withTimeout<T>(fn: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new ProviderError("TIMEOUT", `Provider call exceeded ${ms} ms`, { retryable: true });
      controller.abort(error);
      reject(error);
    }, ms);
  });
  try {
    return await Promise.race([fn(controller.signal), expired]);
  } catch (error) {
    // A provider that notices the abort itself may throw its own error; report the timeout instead.
    if (controller.signal.aborted && controller.signal.reason instanceof ProviderError) throw controller.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Circuit breaker state as plain data (storable in a Convex document). */
export interface CircuitState {
  state: "closed" | "open" | "half-open";
  /** Consecutive failures while closed. */
  failures: number;
  /** When the circuit opened, or when the current half-open probe started; null when closed. */
  openedAt: number | null;
}

export interface CircuitOptions {
  /** Consecutive failures that open the circuit. */
  threshold: number;
  /** How long an open circuit fails fast before letting one probe through. */
  cooldownMs: number;
}

export const CLOSED_CIRCUIT: CircuitState = { state: "closed", failures: 0, openedAt: null };

/** Any success proves the provider works again: close the circuit and forget past failures. */
export function recordSuccess(_state: CircuitState, _now: number): CircuitState {
  return CLOSED_CIRCUIT;
}

export function recordFailure(state: CircuitState, now: number, options: CircuitOptions): CircuitState {
  if (state.state === "half-open") return { state: "open", failures: state.failures + 1, openedAt: now };
  if (state.state === "open") return { ...state, failures: state.failures + 1 };
  const failures = state.failures + 1;
  return failures >= options.threshold ? { state: "open", failures, openedAt: now } : { ...state, failures };
}

/**
 * Whether a call may go out now, and the state to store if it does. Open fails fast
 * until the cooldown passes, then turns half-open for exactly one probe. The probe's
 * start is kept in `openedAt` so that a probe that never reports back (its action
 * crashed) does not wedge the circuit: after another cooldown a new probe may go.
 */
export function canAttempt(
  state: CircuitState,
  now: number,
  cooldownMs: number,
): { allowed: boolean; state: CircuitState } {
  if (state.state === "closed") return { allowed: true, state };
  const since = now - (state.openedAt ?? Number.NEGATIVE_INFINITY);
  if (since < cooldownMs) return { allowed: false, state };
  return { allowed: true, state: { state: "half-open", failures: state.failures, openedAt: now } };
}

/**
 * An in-memory breaker over the pure functions above. Only failures that say the
 * provider is unhealthy (retryable ones, or unexpected exceptions) count; a request
 * the provider rightly refused (moderation, bad argument) shows it is up.
 */
export class CircuitBreaker {
  private current: CircuitState;

  constructor(
    private readonly options: CircuitOptions & { now?: () => number },
    initial: CircuitState = CLOSED_CIRCUIT,
  ) {
    this.current = initial;
  }

  /** The state to persist. */
  get state(): CircuitState {
    return this.current;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const now = this.options.now ?? Date.now;
    const decision = canAttempt(this.current, now(), this.options.cooldownMs);
    if (!decision.allowed) {
      const waited = now() - (this.current.openedAt ?? now());
      throw new ProviderError("PROVIDER_ERROR", "Circuit open: provider failing, call not attempted", {
        retryable: false,
        retryAfterMs: Math.max(0, this.options.cooldownMs - waited),
        userMessage: "The image service is having trouble right now. Please try again in a few minutes.",
      });
    }
    this.current = decision.state;
    try {
      const result = await fn();
      this.current = recordSuccess(this.current, now());
      return result;
    } catch (error) {
      const unhealthy = !isProviderError(error) || error.retryable;
      this.current = unhealthy ? recordFailure(this.current, now(), this.options) : recordSuccess(this.current, now());
      throw error;
    }
  }
}
