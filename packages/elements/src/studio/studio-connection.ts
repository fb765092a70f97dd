import { ContextProvider } from "@lit/context";
import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { PixorlyElement } from "../base/pixorly-element.js";
import { api } from "../client/api.js";
import type { AuthState } from "../client/auth-session.js";
import { clientContext } from "../client/client-context.js";
import { toUserFacingError } from "../client/errors.js";
import { StudioErrorCode } from "../client/studio-errors.js";
import type { PixorlyClientOptions } from "../client/pixorly-client.js";
import type { StudioClient } from "../client/studio-client.js";
import { tokenFromUrl, type TokenProvider } from "../client/token.js";
import { afterPaint } from "../internal/after-paint.js";
import { loadWorkspace } from "./load-workspace.js";
import { studioStatus, type StudioStatus } from "./studio-state.js";

/** What a client is opened for: the studio's attributes (already checked) and its token provider. */
export interface ConnectionConfig {
  convexUrl: string;
  apiUrl: string;
  /** Absolute; used when there is no `tokenProvider`. */
  tokenUrl: string;
  tokenProvider: TokenProvider | undefined;
}

/** A client the studio owns and closes. */
export type OwnedClient = StudioClient & { close?: () => Promise<void> };

export interface StudioConnectionHost extends ReactiveControllerHost, HTMLElement {
  emit: PixorlyElement["emit"];
}

export interface StudioConnectionOptions {
  /** A client now, or once its code has loaded. */
  createClient: (options: PixorlyClientOptions) => OwnedClient | Promise<OwnedClient>;
  /** Shows a problem once (the studio turns it into `pixorly-error`). */
  report: (code: string, message: string) => void;
}

/**
 * The studio's one client: opened for a configuration, provided to every element
 * inside through `clientContext`, closed when the studio leaves the page (and
 * reopened when it comes back). It provisions the user once signed in and turns a
 * final auth failure into `pixorly-auth-expired`.
 */
export class StudioConnection implements ReactiveController {
  client: OwnedClient | undefined;
  /** The signed-in user's id once provisioned (for per-user presets). */
  userId = "";

  private readonly provider: ContextProvider<typeof clientContext>;
  private openedFor: ConnectionConfig | null = null;
  private stale = true;
  private stopWatching: (() => void) | undefined;
  private lastAuthState: AuthState | undefined;
  private ensured = false;
  /** Whether this outage of the transport was reported (once per outage, not per retry). */
  private outageReported = false;
  private countdown: ReturnType<typeof setInterval> | undefined;
  /** Bumped by every close, so a client scheduled to open for an older configuration never does. */
  private opening = 0;

  constructor(
    private readonly host: StudioConnectionHost,
    private readonly options: StudioConnectionOptions,
  ) {
    this.provider = new ContextProvider(host, { context: clientContext });
    host.addController(this);
  }

  hostConnected(): void {
    if (this.stale) this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.close();
    this.stale = true;
  }

  /** Configuration, transport and sign-in as one status (never "connected" while sign-in failed). */
  status(configOk: boolean): StudioStatus {
    return studioStatus(configOk, this.client);
  }

  /** Opens a client for `config` unless one is open for the same configuration; null closes it. */
  sync(config: ConnectionConfig | null): void {
    const last = this.openedFor;
    const same =
      config && last
        ? (Object.keys(config) as (keyof ConnectionConfig)[]).every((key) => config[key] === last[key])
        : config === last;
    if (same && !this.stale) return;
    this.close();
    this.stale = false;
    this.openedFor = config;
    if (!config) return;
    // The studio paints its shell first: building the client (the Convex client, its socket and the
    // first token request) in the same task would hold that first paint back by a fifth or so.
    const opening = this.opening;
    afterPaint(() => {
      if (opening === this.opening) this.open(config);
    });
  }

  private open(config: ConnectionConfig): void {
    // The workspace's elements (picker, prompt box, job cards…) come with the client, after the first paint.
    loadWorkspace().catch(() =>
      this.options.report(
        StudioErrorCode.LOAD_FAILED,
        "The studio could not load its workspace code. Check the connection and reload the page.",
      ),
    );
    const provider = config.tokenProvider;
    const created = this.options.createClient({
      convexUrl: config.convexUrl,
      apiUrl: config.apiUrl,
      // A provider that throws synchronously still ends up as a rejected promise the session retries.
      tokenProvider: provider ? async () => await provider() : tokenFromUrl(config.tokenUrl),
    });
    if (!(created instanceof Promise)) return this.attach(created);
    const opening = this.opening;
    created.then(
      (client) => {
        // Closed (or reconfigured) while the client's code was loading: this one is not wanted.
        if (opening === this.opening) this.attach(client);
        else void client.close?.();
      },
      () =>
        this.options.report(
          StudioErrorCode.LOAD_FAILED,
          "The studio could not load its client code. Check the connection and reload the page.",
        ),
    );
  }

  private attach(client: OwnedClient): void {
    this.stopWatching = client.onStateChange(() => this.onState(client));
    this.client = client;
    this.provider.setValue(client);
    this.onState(client);
  }

  /** Closes the client and opens a new one on the next update (the "Sign in again" button). */
  reopen(): void {
    this.stale = true;
    this.host.requestUpdate();
  }

  private close(): void {
    this.opening++;
    this.stopWatching?.();
    this.stopWatching = undefined;
    void this.client?.close?.();
    this.client = undefined;
    this.provider.setValue(undefined);
    this.userId = "";
    this.lastAuthState = undefined;
    this.ensured = false;
    this.outageReported = false;
    this.tick(false);
  }

  private onState(client: OwnedClient): void {
    if (client !== this.client) return;
    const state = client.authState;
    if ((state === "expired" || state === "failed") && this.lastAuthState !== state) {
      const message = client.authMessage || "You are signed out.";
      this.host.emit("auth-expired", { state, message });
      this.options.report(
        state === "failed" ? StudioErrorCode.SIGN_IN_FAILED : StudioErrorCode.SESSION_EXPIRED,
        message,
      );
    }
    if (client.apiProblem === "origin") {
      this.options.report(
        StudioErrorCode.ORIGIN_MISMATCH,
        `The Pixorly API at ${this.openedFor?.apiUrl ?? "api-url"} refused this page's origin (${location.origin}): mint the embed token ` +
          "for this origin, and register the origin for the partner account. The studio does not start, so no credits are spent.",
      );
    } else if (client.apiProblem === "api-unreachable") {
      this.options.report(
        StudioErrorCode.API_UNREACHABLE,
        `The Pixorly API at ${this.openedFor?.apiUrl ?? "api-url"} cannot be reached or is not the Pixorly API (or refuses this origin by CORS): ` +
          "check the api-url attribute. The studio does not start, so no credits are spent.",
      );
    }
    if (client.connection === "connected") this.outageReported = false;
    else if (client.connection === "reconnecting" && !this.outageReported) {
      this.outageReported = true;
      this.options.report(
        StudioErrorCode.BACKEND_UNREACHABLE,
        `The Pixorly backend at ${this.openedFor?.convexUrl ?? "convex-url"} cannot be reached; the studio keeps retrying with backoff. ` +
          "Check the convex-url attribute and that the backend is up.",
      );
    }
    // The "retry in N s" countdown needs a render every second while it runs.
    this.tick(client.connection === "reconnecting" && client.retryAt !== null);
    if (state === "signed-in" && !this.ensured) this.ensureUser(client);
    this.lastAuthState = state;
    this.host.requestUpdate();
  }

  private tick(on: boolean): void {
    if (on) this.countdown ??= setInterval(() => this.host.requestUpdate(), 1000);
    else {
      clearInterval(this.countdown);
      this.countdown = undefined;
    }
  }

  /** Provisions the user on first use, so the balance and the queries have a user to read. */
  private ensureUser(client: OwnedClient): void {
    this.ensured = true;
    client.mutation(api.users.ensure, {}).then(
      (profile) => {
        if (client !== this.client) return;
        this.userId = profile.userId;
        this.host.requestUpdate();
      },
      (error: unknown) => {
        const problem = toUserFacingError(error);
        this.options.report(problem.code, problem.message);
      },
    );
  }
}
