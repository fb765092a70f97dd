import type { ModelInfo } from "@pixorly/core";
import { formatCredits } from "../i18n/format.js";
import { html, nothing } from "lit";
import { property, state } from "lit/decorators.js";
import { PixorlyElement } from "../base/pixorly-element.js";
import { api } from "../client/api.js";
import { toUserFacingError } from "../client/errors.js";
import { StudioErrorCode } from "../client/studio-errors.js";
import { msg } from "../i18n/localize.js";
import { checkAttributeValue } from "../internal/attribute-warnings.js";
import { exportParts } from "../internal/parts.js";
import { ErrorReportingController } from "../internal/error-reporting-controller.js";
import type { PixorlyClientOptions } from "../client/pixorly-client.js";
import { QueryController, SKIP } from "../client/query-controller.js";
import type { TokenProvider } from "../client/token.js";
// Types only: the workspace elements are defined by `workspace.ts`, loaded after the first paint.
import type { ComparisonRun } from "../comparison/comparison.component.js";
import type { JobCreatedDetail, ModelChangeDetail, PromptSubmitDetail } from "../events/index.js";
import type { PixorlyPromptBox } from "../prompt-box/prompt-box.component.js";
import { connectionIndicator } from "./connection-indicator.js";
import { configProblems, modelProblems, parseModelList } from "./studio-config.js";
import { StudioConnection, type ConnectionConfig, type OwnedClient } from "./studio-connection.js";
import { authNotice, configurationNotice, libraryPanel } from "./studio.parts.js";
import { resultCanvas, revealLatest } from "./studio-canvas.js";
import { ModelSamples } from "./model-samples.js";
import { surprisePrompt } from "./example-prompts.js";
import { SettingsMemory, type KeptSettings } from "./settings-memory.js";
import { StudioLibrary } from "./studio-library.js";
import { studioTabs, type StudioView } from "./studio-tabs.js";
import { submitRuns } from "./submit-runs.js";
import { studioStyles } from "./studio-sheets.js";
import { clearShell } from "./studio-shell.js";

export type StudioTheme = "light" | "dark" | "auto";
const THEMES: readonly StudioTheme[] = ["light", "dark", "auto"];
const VIEWS: readonly StudioView[] = ["create", "library", "collections"];

/** Jobs of this session kept on screen at most. */
const MAX_SESSION_JOBS = 6;

/**
 * @summary The whole Pixorly studio in one tag: model picker, prompt box, live jobs, comparison and recent images.
 *
 * It provides the client (`clientContext`) to every element inside it. The events of those
 * elements are composed and bubble, so the page hears them on `<pixorly-studio>`.
 *
 * The Library and Collections views (and the lightbox that job cards and comparison cells
 * open) are loaded on first use, from a module beside the studio's.
 *
 * @slot picker - Replaces the built-in `<pixorly-model-picker>`.
 * @slot prompt - Replaces the built-in `<pixorly-prompt-box>`.
 * @slot brand - Your title instead of "Pixorly" (white label: honoured only when the embed token has the `whiteLabel` claim).
 *
 * @attr report-errors - Opt-in error reports: a Sentry DSN that receives the studio's own errors, scrubbed, never the page's query or the visitor (README, "Error reports"). Absent: nothing is sent.
 *
 * @csspart base - The studio's outer box.
 * @csspart header - The title row with the connection state and balance.
 * @csspart brand - The "Pixorly" title (absent with `hide-brand` or a `brand` slot on a white-label token).
 * @csspart connection - The connection indicator.
 * @csspart credits - The caller's credit balance.
 * @csspart notice - The box that explains a configuration or sign-in problem.
 * @csspart tabs - The Create / Library / Collections tab list.
 * @csspart tab - Each tab.
 * @csspart gallery - The Library view's `<pixorly-gallery>`.
 * @csspart collections - The Collections view's `<pixorly-collections>`.
 * @csspart lightbox - The `<pixorly-lightbox>` job cards and comparison cells open.
 * @csspart compose - The controls: the model picker and the prompt box (the left pane on wide screens).
 * @csspart compare-toggle - The button that switches comparison mode.
 * @csspart canvas - The result canvas (the right pane on wide screens): latest results big, earlier ones below.
 * @csspart empty-state - What the canvas shows before the first job: example prompts and "Surprise me".
 * @csspart example - Each example prompt's button.
 * @csspart surprise - The "Surprise me" button.
 * @csspart comparison-section - The section around the comparison.
 * @csspart comparison - The `<pixorly-comparison>` of the latest comparison.
 * @csspart latest - The `<pixorly-job-status>` of the latest job, shown big (also has the `job` part).
 * @csspart jobs - The list of this session's earlier jobs.
 * @csspart job - Each `<pixorly-job-status>`.
 * @csspart recent - The recent-images filmstrip.
 * @csspart picker - The built-in `<pixorly-model-picker>`.
 * @csspart prompt-box - The built-in `<pixorly-prompt-box>`.
 * @csspart picker-* - The parts of the built-in `<pixorly-model-picker>`, re-exported with the prefix `picker-` (`picker-card`, …).
 * @csspart prompt-box-* - The parts of the built-in `<pixorly-prompt-box>`, re-exported with the prefix `prompt-box-` (`prompt-box-submit`, …).
 * @csspart job-* - The parts of each `<pixorly-job-status>`, re-exported with the prefix `job-` (`job-cancel-button`, `job-image-image`, …).
 * @csspart comparison-* - The parts of the `<pixorly-comparison>`, re-exported with the prefix `comparison-` (`comparison-cell-status`, …).
 * @csspart recent-* - The parts of the `<pixorly-recent-results>`, re-exported with the prefix `recent-` (`recent-item`, …).
 * @csspart gallery-* - The parts of the Library view's `<pixorly-gallery>`, re-exported with the prefix `gallery-` (`gallery-tile`, `gallery-lightbox-dialog`, …).
 * @csspart collections-* - The parts of the Collections view's `<pixorly-collections>`, re-exported with the prefix `collections-` (`collections-card`, …).
 * @csspart lightbox-* - The parts of the `<pixorly-lightbox>`, re-exported with the prefix `lightbox-` (`lightbox-toolbar`, …).
 *
 * @cssproperty --pixorly-color-bg - Studio background.
 * @cssproperty --pixorly-color-surface - Card background.
 * @cssproperty --pixorly-color-surface-2 - Wells and placeholders.
 * @cssproperty --pixorly-color-border - Borders.
 * @cssproperty --pixorly-color-text - Text.
 * @cssproperty --pixorly-color-muted - Secondary text.
 * @cssproperty --pixorly-color-accent - Primary actions, progress, focus ring.
 * @cssproperty --pixorly-color-on-accent - Text on the accent colour.
 * @cssproperty --pixorly-color-danger - Errors.
 * @cssproperty --pixorly-color-success - The connected dot.
 * @cssproperty --pixorly-radius - Corner radius.
 * @cssproperty --pixorly-space - Base spacing unit.
 * @cssproperty --pixorly-font-size - Base font size (the font family is the page's).
 * @cssproperty --pixorly-color-canvas - The result canvas behind the images.
 * @cssproperty --pixorly-text-sm - Small text: hints, captions (also `-xs`, `-lg`, `-xl`, `-2xl`; see the README's design tokens).
 * @cssproperty --pixorly-space-4 - A step of the spacing scale (also `-1`, `-2`, `-5`, `-6`; `--pixorly-space` is step 3).
 * @cssproperty --pixorly-radius-lg - Corner radius of cards and panes (also `--pixorly-radius-sm`).
 * @cssproperty --pixorly-shadow-1 - Elevation of cards (also `-2` for hover, `-3` for overlays).
 * @cssproperty --pixorly-duration - Length of transitions (0 under `prefers-reduced-motion`).
 *
 * @event {JobCreatedDetail} pixorly-job-created - A job was submitted: from the prompt box or comparison (`model`, `request` set) or a card's Retry (`retryOf` set).
 * @event {JobEventDetail} pixorly-job-completed - A job finished with images.
 * @event {JobFailedDetail} pixorly-job-failed - A job failed.
 * @event {ImageSelectedDetail} pixorly-image-selected - An image was chosen (from a comparison, `job` and `modelInfo` are set).
 * @event {UseSettingsDetail} pixorly-use-settings - "Use these settings" in the lightbox (the studio fills the prompt box and model).
 * @event {ImagesDeletedDetail} pixorly-images-deleted - Images were deleted in the library.
 * @event {PixorlyErrorDetail} pixorly-error - A problem for the page's developer (configuration, connection, sign-in, an image, a refused submit), once per problem; codes in the README.
 * @event {AuthExpiredDetail} pixorly-auth-expired - No valid token could be had (expired, refused, or the provider failed).
 */
export class PixorlyStudio extends PixorlyElement {
  static override styles = studioStyles;

  /** Opt-in error reports: only with a `report-errors="<Sentry DSN>"` attribute (README, "Error reports"). */
  protected readonly errorReporting = new ErrorReportingController(this);

  /** The Convex deployment URL (convex-local offline: `http://127.0.0.1:3210`). */
  @property({ attribute: "convex-url" }) convexUrl = "";

  /** The edge API URL (offline: `http://127.0.0.1:8787`). */
  @property({ attribute: "api-url" }) apiUrl = "";

  /** Where to POST for a token (`{ token }` back); relative URLs resolve against the page. */
  @property({ attribute: "token-url" }) tokenUrl = "";

  /** `light`, `dark`, or `auto` to follow the visitor's system setting. */
  @property({ reflect: true }) theme: StudioTheme = "auto";

  /** Comma-separated model ids the studio offers (all models when empty). */
  @property() models = "";

  /** The model chosen at start. */
  @property({ attribute: "default-model" }) defaultModel = "";

  /** The view shown: `create`, `library` or `collections`. */
  @property({ reflect: true }) view: StudioView = "create";

  /**
   * Hides the "Pixorly" title (white label). Honoured only when the embed token allows it (its
   * `whiteLabel` claim, issued for partners whose plan includes white-labelling).
   */
  @property({ type: Boolean, attribute: "hide-brand" }) hideBrand = false;

  /** Returns a fresh token (a JWT from your backend); takes precedence over `token-url`. */
  @property({ attribute: false }) tokenProvider: TokenProvider | undefined;

  /** Configuration the studio cannot start with (bad URLs, no sign-in). */
  @state() private problems: string[] = [];
  /** Unknown models: shown, but the studio works with the models that exist. */
  @state() private modelWarnings: string[] = [];
  @state() private sessionJobs: string[] = [];
  @state() private selectedImageId = "";
  @state() private chosenModel = "";
  @state() private compareMode = false;
  @state() private comparedModels: string[] = [];
  @state() private submitting = false;
  /** The jobs of the latest comparison, shown side by side. */
  @state() private comparisonRuns: ComparisonRun[] = [];

  private readonly reported = new Set<string>();
  private readonly connection = new StudioConnection(this, {
    createClient: (options) => this.createClient(options),
    report: (code, message) => this.report(code, message),
  });
  private readonly library = new StudioLibrary(this, {
    showCreate: (model) => {
      this.view = "create";
      this.compareMode = false;
      this.chosenModel = model;
    },
    promptBox: () => this.promptBox(),
    hasModel: (model) => this.availableModels.some((candidate) => candidate.id === model),
  });
  private readonly settingsMemory = new SettingsMemory(this, {
    apiUrl: () => this.apiUrl,
    client: () => this.client,
    userId: () => this.connection.userId,
    restore: (settings) => this.restoreSettings(settings),
  });
  private readonly catalog = new QueryController(
    this,
    () => this.client,
    api.models.list,
    () => ({}),
  );
  private readonly modelSamples = new ModelSamples(this, {
    client: () => this.client,
    userId: () => this.connection.userId,
  });
  private readonly activeJobs = new QueryController(
    this,
    () => this.client,
    api.jobs.listActive,
    () => this.whenSignedIn(),
  );
  private readonly account = new QueryController(
    this,
    () => this.client,
    api.jobs.me,
    () => this.whenSignedIn(),
  );

  constructor() {
    super();
    // On the host, so a prompt box or picker slotted in by the page is heard as well as the built-in ones.
    // The events are typed by `PixorlyEventMap` (src/events/): no casts.
    this.addEventListener("pixorly-submit", (event) => void this.onSubmit(event));
    this.addEventListener("pixorly-model-change", (event) => this.onModelChange(event.detail));
    this.addEventListener("pixorly-job-created", (event) => this.onJobCreated(event.detail));
    // The latest card grows when its images arrive: keep them in view.
    this.addEventListener("pixorly-job-completed", (event) => {
      if (event.detail.jobId === this.sessionJobs[0]) revealLatest(this.renderRoot);
    });
    // An image that could not load says why on itself; its developer-facing reason is reported once here.
    this.addEventListener("pixorly-image-unavailable", (event) => {
      const { code, reason, message } = event.detail;
      this.report(code, message, reason);
    });
    this.addEventListener("pixorly-settings-change", (event) => {
      const { model, ...change } = event.detail;
      if (!this.compareMode) this.settingsMemory.remember(this.selectedModel?.id ?? model, change);
    });
    this.addEventListener("pixorly-image-selected", (event) => {
      this.selectedImageId = event.detail.imageId;
    });
  }

  /** The shell `pixorly.js` painted before Lit loaded (studio-shell.ts) gives way to the first render. */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    clearShell(this);
    return super.createRenderRoot();
  }

  /** The studio's client (undefined while the configuration is invalid). */
  get client(): OwnedClient | undefined {
    return this.connection.client;
  }

  /** The catalog narrowed to the `models` allow-list. */
  get availableModels(): ModelInfo[] {
    const allowed = parseModelList(this.models);
    const catalog = this.catalog.value ?? [];
    return allowed.length === 0 ? catalog : catalog.filter((model) => allowed.includes(model.id));
  }

  /** The model the prompt box generates with. */
  get selectedModel(): ModelInfo | undefined {
    const available = this.availableModels;
    const wanted = this.chosenModel || this.defaultModel;
    return available.find((model) => model.id === wanted) ?? available[0];
  }

  /** Drops the connection and signs in again (what the "Sign in again" button does). */
  reconnect(): void {
    this.reported.clear();
    this.connection.reopen();
  }

  /**
   * Builds the studio's client; tests and hosts with special needs override it. The Convex
   * client is loaded here, after the first paint (a chunk of its own in `pixorly.js`): the shell
   * paints without it.
   * @ignore
   */
  protected createClient(options: PixorlyClientOptions): OwnedClient | Promise<OwnedClient> {
    return import("../client/pixorly-client.js").then(({ PixorlyClient }) => new PixorlyClient(options));
  }

  protected override willUpdate(): void {
    if (this.view !== "create") void this.library.load();
    const config = {
      convexUrl: this.convexUrl,
      apiUrl: this.apiUrl,
      tokenUrl: this.tokenUrl,
      hasTokenProvider: !!this.tokenProvider,
    };
    const problems = configProblems(config, document.baseURI);
    this.connection.sync(problems.length > 0 ? null : this.connectionConfig());
    const catalog = this.catalog.value;
    const warnings = catalog ? modelProblems(parseModelList(this.models), this.defaultModel, catalog) : [];
    if ([...problems, ...warnings].join("\n") !== [...this.problems, ...this.modelWarnings].join("\n")) {
      this.reported.clear();
      this.problems = problems;
      this.modelWarnings = warnings;
    }
  }

  protected override updated(): void {
    const box = this.settingsToRestore && this.promptBox();
    if (box) {
      box.restoreSettings?.(this.settingsToRestore!);
      this.settingsToRestore = undefined;
    }
    for (const message of this.problems) this.report(StudioErrorCode.CONFIG_INVALID, message);
    for (const message of this.modelWarnings) this.report(StudioErrorCode.MODELS_UNKNOWN, message);
    this.checkAttributes();
    const client = this.client;
    const wantsWhiteLabel = this.hideBrand || this.querySelector(':scope > [slot="brand"]') !== null;
    if (wantsWhiteLabel && client?.authState === "signed-in" && !client.whiteLabel) {
      this.report(
        StudioErrorCode.ATTRIBUTE_INVALID,
        "White-labelling (hide-brand, the brand slot) is not included in this partner's plan (the token has no whiteLabel claim); the Pixorly title stays.",
      );
    }
  }

  /** Unknown values of enumerated attributes: a console warning once per attribute (and `pixorly-error`); the default is used. */
  private checkAttributes(): void {
    for (const [attribute, value, allowed] of [
      ["theme", this.theme, THEMES],
      ["view", this.view, VIEWS],
    ] as const) {
      if (!checkAttributeValue(this, attribute, value, allowed)) {
        this.report(
          StudioErrorCode.ATTRIBUTE_INVALID,
          `<pixorly-studio> ${attribute}="${value}" is not one of ${allowed.join(", ")}.`,
          undefined,
          false,
        );
      }
    }
  }

  override render() {
    const client = this.client;
    const authFailed = client?.authState === "expired" || client?.authState === "failed";
    return html`
      <div part="base" class="studio">
        <header part="header">
          ${this.renderBrand(client)}
          <div class="status-line">
            ${
              this.account.value
                ? html`<span part="credits">${formatCredits(this.account.value.credits)}</span>`
                : nothing
            }
            ${connectionIndicator(this.connection.status(this.problems.length === 0))}
          </div>
        </header>
        ${this.problems.length > 0 || client?.apiProblem ? configurationNotice(msg("This studio is not available right now. Please try again later.")) : nothing}
        ${
          authFailed
            ? authNotice(
                client.authState === "expired"
                  ? msg("Your session has expired. Sign in again to continue.")
                  : msg("Could not sign in."),
                () => this.reconnect(),
              )
            : nothing
        }
        ${client && !authFailed && !client.apiProblem && this.problems.length === 0 ? this.renderViews() : nothing}
      </div>
    `;
  }

  private renderViews() {
    const chooseView = (view: StudioView, focus: boolean) => {
      this.view = view;
      if (focus)
        void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${view}`)?.focus());
    };
    return html`${studioTabs(this.view, chooseView)}
      <div id="panel-create" role="tabpanel" aria-labelledby="tab-create" ?hidden=${this.view !== "create"}>${this.renderWorkspace()}</div>
      ${this.view === "create" ? nothing : libraryPanel(this.view, this.library.state, () => void this.library.load(true))}
      ${this.library.state === "ready" ? html`<pixorly-lightbox part="lightbox" exportparts=${exportParts("pixorly-studio", "lightbox")}></pixorly-lightbox>` : nothing}`;
  }

  private renderWorkspace() {
    const selected = this.selectedModel;
    const available = this.availableModels;
    const comparing = this.compareMode ? available.filter((model) => this.comparedModels.includes(model.id)) : [];
    const active = (this.activeJobs.value ?? []).map((job) => job._id);
    // Comparison jobs are jobs too: they stay in the list beside the side-by-side view.
    const jobs = [...new Set([...this.sessionJobs, ...active])];
    return html`<div class="layout">
      <section part="compose" class="compose" aria-labelledby="compose-heading">
        <div class="section-head">
          <h2 id="compose-heading">${msg("Create")}</h2>
          <button part="compare-toggle" type="button" aria-pressed=${this.compareMode ? "true" : "false"} @click=${this.toggleCompare}>
            Compare models
          </button>
        </div>
        <slot name="picker">
          <pixorly-model-picker
            part="picker"
            exportparts=${exportParts("pixorly-studio", "picker")}
            .models=${this.catalog.value ? available : undefined}
            .value=${selected?.id ?? ""}
            .values=${this.comparedModels}
            .sampleImages=${this.modelSamples.value}
            ?compare=${this.compareMode}
          ></pixorly-model-picker>
        </slot>
        <slot name="prompt">
          <pixorly-prompt-box
            part="prompt-box"
            exportparts=${exportParts("pixorly-studio", "prompt-box")}
            .model=${selected}
            .compareModels=${comparing}
            user-key=${this.connection.userId}
            ?submitting=${this.submitting}
          ></pixorly-prompt-box>
        </slot>
      </section>
      ${resultCanvas({
        jobIds: jobs,
        comparison:
          this.comparisonRuns.length > 0
            ? html`<section part="comparison-section" class="comparison" aria-labelledby="comparison-heading">
                <h3 id="comparison-heading">${msg("Comparison")}</h3>
                <pixorly-comparison part="comparison" exportparts=${exportParts("pixorly-studio", "comparison")} .runs=${this.comparisonRuns} selected-image-id=${this.selectedImageId}></pixorly-comparison>
              </section>`
            : nothing,
        comparedIds: new Set(this.comparisonRuns.map((run) => run.jobId)),
        selectedImageId: this.selectedImageId,
        onExample: (prompt) => this.usePrompt(prompt),
        onSurprise: () => this.usePrompt(surprisePrompt(this.promptBox()?.prompt ?? "")),
      })}
    </div>`;
  }

  /** The prompt box in use: the page's slotted one, else the built-in one. */
  private promptBox(): PixorlyPromptBox | null {
    return (
      this.querySelector<PixorlyPromptBox>('[slot="prompt"]') ?? this.renderRoot.querySelector("pixorly-prompt-box")
    );
  }

  /** Puts an example prompt into the prompt box and moves focus there, ready to Generate. */
  private usePrompt(prompt: string): void {
    this.promptBox()?.usePrompt?.(prompt);
  }

  private connectionConfig(): ConnectionConfig {
    return {
      convexUrl: this.convexUrl,
      apiUrl: this.apiUrl,
      tokenUrl: this.tokenUrl ? new URL(this.tokenUrl, document.baseURI).href : "",
      tokenProvider: this.tokenProvider,
    };
  }

  /**
   * The title, or the page's `brand` slot, or nothing with `hide-brand` — the last two only when the
   * token allows white-labelling (otherwise the attribute is ignored with a console warning).
   */
  private renderBrand(client: OwnedClient | undefined) {
    const title = html`<p part="brand" class="title">Pixorly</p>`;
    const wantsWhiteLabel = this.hideBrand || this.querySelector(':scope > [slot="brand"]') !== null;
    if (!wantsWhiteLabel) return title;
    if (!client || client.authState !== "signed-in") return nothing;
    if (!client.whiteLabel) return title;
    return this.hideBrand ? nothing : html`<slot name="brand"></slot>`;
  }

  /** Settings kept from an earlier visit: the model here, the rest in the prompt box (once it has the model). */
  private restoreSettings(settings: KeptSettings): void {
    this.chosenModel = settings.model;
    this.settingsToRestore = settings;
    this.requestUpdate();
  }

  /** Kept settings wait here until the prompt box exists (it appears once signed in). */
  private settingsToRestore: KeptSettings | undefined;

  private whenSignedIn() {
    return this.client?.authState === "signed-in" ? {} : SKIP;
  }

  private toggleCompare(): void {
    this.compareMode = !this.compareMode;
    // No model is ticked for the visitor: pre-ticking the current one meant choosing three left two.
  }

  private onModelChange(detail: ModelChangeDetail): void {
    if ("values" in detail) this.comparedModels = [...detail.values];
    else {
      this.chosenModel = detail.value;
      this.settingsMemory.rememberModel(detail.value);
    }
  }

  private async onSubmit(event: CustomEvent<PromptSubmitDetail>): Promise<void> {
    const client = this.client;
    const box = event.composedPath()[0] as Partial<PixorlyPromptBox>;
    if (!client || this.submitting) return;
    this.setSubmitting(box, true);
    const { created, error } = await submitRuns(client, event.detail.runs);
    if (created.length > 1) this.comparisonRuns = created.map((job) => ({ jobId: job.jobId, model: job.modelInfo }));
    for (const { modelInfo: _, ...job } of created) this.emit("job-created", job);
    if (error !== undefined) {
      box.showError?.(error);
      const problem = toUserFacingError(error);
      this.emit("error", { code: problem.code, message: problem.message });
    }
    this.setSubmitting(box, false);
  }

  private setSubmitting(box: Partial<PixorlyPromptBox>, submitting: boolean): void {
    this.submitting = submitting;
    // A slotted prompt box is not bound by the template.
    if ("submitting" in box) box.submitting = submitting;
  }

  private onJobCreated({ jobId, retryOf }: JobCreatedDetail): void {
    if (!jobId || this.sessionJobs.includes(jobId)) return;
    // A retry's status card already follows the new job: it takes the old one's place.
    const others = this.sessionJobs.filter((id) => id !== retryOf);
    this.sessionJobs = [jobId, ...others].slice(0, MAX_SESSION_JOBS);
    void this.updateComplete.then(() => revealLatest(this.renderRoot));
  }

  /**
   * Emits `pixorly-error` once per distinct problem (renders repeat; the page hears each problem once),
   * and puts what is meant for the page's developer in the console (`warn: false` when already warned).
   */
  private report(code: string, message: string, reason?: string, warn = true): void {
    if (this.reported.has(message)) return;
    this.reported.add(message);
    if (warn) console.warn(`[pixorly] ${code}: ${message}`);
    this.emit("error", { code, message, ...(reason ? { reason } : {}) });
  }
}
