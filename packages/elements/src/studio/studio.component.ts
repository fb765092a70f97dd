import { formatCredits, type ModelInfo } from '@pixorly/core';
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PixorlyElement } from '../base/pixorly-element.js';
import { buttonStyles, focusRing, hostStyles } from '../base/shared.styles.js';
import { api } from '../client/api.js';
import { toUserFacingError } from '../client/errors.js';
import type { PixorlyClientOptions } from '../client/pixorly-client.js';
import { QueryController, SKIP } from '../client/query-controller.js';
import type { TokenProvider } from '../client/token.js';
import { PixorlyComparison, type ComparisonRun } from '../comparison/comparison.component.js';
import { PixorlyJobStatus } from '../job-status/job-status.component.js';
import { PixorlyModelPicker, type ModelChangeDetail } from '../model-picker/model-picker.component.js';
import { PixorlyPromptBox } from '../prompt-box/prompt-box.component.js';
import { PixorlyRecentResults } from '../recent-results/recent-results.component.js';
import { connectionIndicator } from './connection-indicator.js';
import { configProblems, modelProblems, parseModelList } from './studio-config.js';
import { StudioConnection, type ConnectionConfig, type OwnedClient } from './studio-connection.js';
import { authNotice, configurationNotice, jobList, libraryPanel } from './studio.parts.js';
import { StudioLibrary } from './studio-library.js';
import { studioTabs, type StudioView } from './studio-tabs.js';
import { submitRuns, type SubmittedRun } from './submit-runs.js';
import styles from './studio.styles.js';
import theme from './theme.styles.js';

export type StudioTheme = 'light' | 'dark' | 'auto';

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
 *
 * @csspart base - The studio's outer box.
 * @csspart header - The title row with the connection state and balance.
 * @csspart connection - The connection indicator.
 * @csspart credits - The caller's credit balance.
 * @csspart notice - The box that explains a configuration or sign-in problem.
 * @csspart tabs - The Create / Library / Collections tab list.
 * @csspart tab - Each tab.
 * @csspart gallery - The Library view's `<pixorly-gallery>`.
 * @csspart collections - The Collections view's `<pixorly-collections>`.
 * @csspart lightbox - The `<pixorly-lightbox>` job cards and comparison cells open.
 * @csspart compose - The section with the model picker and the prompt box.
 * @csspart compare-toggle - The button that switches comparison mode.
 * @csspart comparison-section - The section around the comparison.
 * @csspart comparison - The `<pixorly-comparison>` of the latest comparison.
 * @csspart jobs - The list of this session's jobs.
 * @csspart job - Each `<pixorly-job-status>`.
 * @csspart recent - The recent-images strip.
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
 *
 * @event pixorly-job-created - A job was submitted (prompt box, comparison or retry). `detail: { jobId, model?, request?, retryOf? }`.
 * @event pixorly-job-completed - A job finished with images. `detail: { jobId, job }`.
 * @event pixorly-job-failed - A job failed. `detail: { jobId, job, error }`.
 * @event pixorly-image-selected - An image was chosen. `detail: { image, imageId, jobId, model }`.
 * @event pixorly-use-settings - "Use these settings" in the lightbox (the studio fills the prompt box and model). `detail: { image, prompt, negativePrompt?, model, parameters }`.
 * @event pixorly-images-deleted - Images were deleted in the library. `detail: { imageIds }`.
 * @event pixorly-error - A problem the studio shows (bad attribute, sign-in, a refused submit). `detail: { code, message }`.
 * @event pixorly-auth-expired - No valid token could be had (expired, refused, or the provider failed). `detail: { state, message }`.
 */
export class PixorlyStudio extends PixorlyElement {
  static override styles = [theme, hostStyles, focusRing, buttonStyles, styles];
  static override dependencies: Record<string, CustomElementConstructor> = {
    'pixorly-comparison': PixorlyComparison,
    'pixorly-job-status': PixorlyJobStatus,
    'pixorly-model-picker': PixorlyModelPicker,
    'pixorly-prompt-box': PixorlyPromptBox,
    'pixorly-recent-results': PixorlyRecentResults,
  };

  /** The Convex deployment URL (convex-local offline: `http://127.0.0.1:3210`). */
  @property({ attribute: 'convex-url' }) convexUrl = '';

  /** The edge API URL (offline: `http://127.0.0.1:8787`). */
  @property({ attribute: 'api-url' }) apiUrl = '';

  /** Where to POST for a token (`{ token }` back); relative URLs resolve against the page. */
  @property({ attribute: 'token-url' }) tokenUrl = '';

  /** `light`, `dark`, or `auto` to follow the visitor's system setting. */
  @property({ reflect: true }) theme: StudioTheme = 'auto';

  /** Comma-separated model ids the studio offers (all models when empty). */
  @property() models = '';

  /** The model chosen at start. */
  @property({ attribute: 'default-model' }) defaultModel = '';

  /** The view shown: `create`, `library` or `collections`. */
  @property({ reflect: true }) view: StudioView = 'create';

  /** Returns a fresh token (a JWT from your backend); takes precedence over `token-url`. */
  @property({ attribute: false }) tokenProvider: TokenProvider | undefined;

  /** Configuration the studio cannot start with (bad URLs, no sign-in). */
  @state() private problems: string[] = [];
  /** Unknown models: shown, but the studio works with the models that exist. */
  @state() private modelWarnings: string[] = [];
  @state() private sessionJobs: string[] = [];
  @state() private selectedImageId = '';
  @state() private chosenModel = '';
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
      this.view = 'create';
      this.compareMode = false;
      this.chosenModel = model;
    },
    promptBox: () => this.querySelector<PixorlyPromptBox>('[slot="prompt"]') ?? this.renderRoot.querySelector('pixorly-prompt-box'),
    hasModel: (model) => this.availableModels.some((candidate) => candidate.id === model),
  });
  private readonly catalog = new QueryController(this, () => this.client, api.models.list, () => ({}));
  private readonly activeJobs = new QueryController(this, () => this.client, api.jobs.listActive, () => this.whenSignedIn());
  private readonly account = new QueryController(this, () => this.client, api.jobs.me, () => this.whenSignedIn());

  constructor() {
    super();
    // On the host, so a prompt box or picker slotted in by the page is heard as well as the built-in ones.
    this.addEventListener('pixorly-submit', (event) => void this.onSubmit(event as CustomEvent<{ runs: SubmittedRun[] }>));
    this.addEventListener('pixorly-model-change', (event) => this.onModelChange(event as CustomEvent<ModelChangeDetail>));
    this.addEventListener('pixorly-job-created', (event) => this.onJobCreated(event as CustomEvent<{ jobId?: string; retryOf?: string }>));
    this.addEventListener('pixorly-image-selected', (event) => {
      this.selectedImageId = (event as CustomEvent<{ imageId?: string }>).detail?.imageId ?? '';
    });
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
    return import('../client/pixorly-client.js').then(({ PixorlyClient }) => new PixorlyClient(options));
  }

  protected override willUpdate(): void {
    if (this.view !== 'create') void this.library.load();
    const config = { convexUrl: this.convexUrl, apiUrl: this.apiUrl, tokenUrl: this.tokenUrl, hasTokenProvider: !!this.tokenProvider };
    const problems = configProblems(config, document.baseURI);
    this.connection.sync(problems.length > 0 ? null : this.connectionConfig());
    const catalog = this.catalog.value;
    const warnings = catalog ? modelProblems(parseModelList(this.models), this.defaultModel, catalog) : [];
    if ([...problems, ...warnings].join('\n') !== [...this.problems, ...this.modelWarnings].join('\n')) {
      this.reported.clear();
      this.problems = problems;
      this.modelWarnings = warnings;
    }
  }

  protected override updated(): void {
    for (const message of [...this.problems, ...this.modelWarnings]) this.report('INVALID_ARGUMENT', message);
  }

  override render() {
    const client = this.client;
    const authFailed = client?.authState === 'expired' || client?.authState === 'failed';
    return html`
      <div part="base" class="studio">
        <header part="header">
          <p class="title">Pixorly</p>
          <div class="status-line">
            ${this.account.value
              ? html`<span part="credits">${formatCredits(this.account.value.credits)}</span>`
              : nothing}
            ${client ? connectionIndicator(client.connection) : this.problems.length === 0 ? connectionIndicator('connecting') : nothing}
          </div>
        </header>
        ${configurationNotice(this.problems, 'The studio cannot start.')}
        ${configurationNotice(this.modelWarnings, 'Check the models of this studio.')}
        ${authFailed ? authNotice(client.authMessage, () => this.reconnect()) : nothing}
        ${client && !authFailed && this.problems.length === 0 ? this.renderViews() : nothing}
      </div>
    `;
  }

  private renderViews() {
    const chooseView = (view: StudioView, focus: boolean) => {
      this.view = view;
      if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${view}`)?.focus());
    };
    return html`${studioTabs(this.view, chooseView)}
      <div id="panel-create" role="tabpanel" aria-labelledby="tab-create" ?hidden=${this.view !== 'create'}>${this.renderWorkspace()}</div>
      ${this.view === 'create' ? nothing : libraryPanel(this.view, this.library.state, () => void this.library.load(true))}
      ${this.library.state === 'ready' ? html`<pixorly-lightbox part="lightbox"></pixorly-lightbox>` : nothing}`;
  }

  private renderWorkspace() {
    const selected = this.selectedModel;
    const available = this.availableModels;
    const comparing = this.compareMode ? available.filter((model) => this.comparedModels.includes(model.id)) : [];
    const active = (this.activeJobs.value ?? []).map((job) => job._id);
    const compared = new Set(this.comparisonRuns.map((run) => run.jobId));
    const jobs = [...new Set([...this.sessionJobs, ...active])].filter((id) => !compared.has(id));
    return html`<div class="layout">
      <section part="compose" class="compose" aria-labelledby="compose-heading">
        <div class="section-head">
          <h2 id="compose-heading">Create</h2>
          <button part="compare-toggle" type="button" aria-pressed=${this.compareMode ? 'true' : 'false'} @click=${this.toggleCompare}>
            Compare models
          </button>
        </div>
        <slot name="picker">
          <pixorly-model-picker
            .models=${this.catalog.value ? available : undefined}
            .value=${selected?.id ?? ''}
            .values=${this.comparedModels}
            ?compare=${this.compareMode}
          ></pixorly-model-picker>
        </slot>
        <slot name="prompt">
          <pixorly-prompt-box
            .model=${selected}
            .compareModels=${comparing}
            user-key=${this.connection.userId}
            ?submitting=${this.submitting}
          ></pixorly-prompt-box>
        </slot>
      </section>
      ${this.comparisonRuns.length > 0
        ? html`<section part="comparison-section" class="comparison" aria-labelledby="comparison-heading">
            <h2 id="comparison-heading">Comparison</h2>
            <pixorly-comparison part="comparison" .runs=${this.comparisonRuns} selected-image-id=${this.selectedImageId}></pixorly-comparison>
          </section>`
        : nothing}
      ${jobList(jobs)}
      <pixorly-recent-results part="recent" class="recent" selected-id=${this.selectedImageId}></pixorly-recent-results>
    </div>`;
  }

  private connectionConfig(): ConnectionConfig {
    return {
      convexUrl: this.convexUrl,
      apiUrl: this.apiUrl,
      tokenUrl: this.tokenUrl ? new URL(this.tokenUrl, document.baseURI).href : '',
      tokenProvider: this.tokenProvider,
    };
  }

  private whenSignedIn() {
    return this.client?.authState === 'signed-in' ? {} : SKIP;
  }

  private toggleCompare(): void {
    this.compareMode = !this.compareMode;
    if (this.compareMode && this.comparedModels.length === 0 && this.selectedModel) this.comparedModels = [this.selectedModel.id];
  }

  private onModelChange(event: CustomEvent<ModelChangeDetail>): void {
    const detail = event.detail;
    if ('values' in detail) this.comparedModels = [...detail.values];
    else this.chosenModel = detail.value;
  }

  private async onSubmit(event: CustomEvent<{ runs: SubmittedRun[] }>): Promise<void> {
    const client = this.client;
    const box = event.composedPath()[0] as Partial<PixorlyPromptBox>;
    if (!client || this.submitting) return;
    this.setSubmitting(box, true);
    const { created, error } = await submitRuns(client, event.detail.runs);
    if (created.length > 1) this.comparisonRuns = created.map((job) => ({ jobId: job.jobId, model: job.modelInfo }));
    for (const { modelInfo: _, ...job } of created) this.emit('job-created', job);
    if (error !== undefined) {
      box.showError?.(error);
      const problem = toUserFacingError(error);
      this.emit('error', { code: problem.code, message: problem.message });
    }
    this.setSubmitting(box, false);
  }

  private setSubmitting(box: Partial<PixorlyPromptBox>, submitting: boolean): void {
    this.submitting = submitting;
    // A slotted prompt box is not bound by the template.
    if ('submitting' in box) box.submitting = submitting;
  }

  private onJobCreated(event: CustomEvent<{ jobId?: string; retryOf?: string }>): void {
    const { jobId, retryOf } = event.detail ?? {};
    if (!jobId || this.sessionJobs.includes(jobId)) return;
    // A retry's status card already follows the new job: it takes the old one's place.
    const others = this.sessionJobs.filter((id) => id !== retryOf);
    this.sessionJobs = [jobId, ...others].slice(0, MAX_SESSION_JOBS);
  }

  /** Emits `pixorly-error` once per distinct problem (renders repeat; the page hears each problem once). */
  private report(code: string, message: string): void {
    if (this.reported.has(message)) return;
    this.reported.add(message);
    this.emit('error', { code, message });
  }
}
