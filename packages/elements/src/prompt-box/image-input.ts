/**
 * The prompt box's image input (issue 16): an image to start from, for models whose catalog entry has
 * `supports.imageInput` — dropped, pasted, picked as a file or chosen from the library — with the
 * operation (image to image, variations, upscale), its strength or scale, and what goes into the job
 * request's `input`. A controller, so the prompt box only asks it for its section and its request.
 * Files are checked here first (type, size) and then by the edge API, whose refusal is shown as it says it.
 */
import type { GenerationInput, ImageInputCapability, ImageOperation, ModelInfo, UpscaleFactor } from "@pixorly/core";
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { api, type ImageDoc } from "../client/api.js";
import { toUserFacingError } from "../client/errors.js";
import { InputUploadError, inputFileProblem } from "../client/input-uploads.js";
import { QueryController, SKIP } from "../client/query-controller.js";
import type { StudioClient } from "../client/studio-client.js";
import { msg } from "../i18n/localize.js";
import { imageInputSection } from "./image-input.template.js";

/** The operations the prompt box offers; inpainting and background removal start from the lightbox. */
const PROMPT_BOX_OPERATIONS: readonly ImageOperation[] = ["img2img", "variations", "upscale"];

/** The image chosen: one from the library, or a file being (or done being) uploaded. */
export type ChosenImage =
  | { source: "library"; image: ImageDoc }
  | { source: "file"; name: string; previewUrl: string; inputId?: string; progress: number; used: boolean };

export interface ImageInputHost extends ReactiveControllerHost, HTMLElement {}

export interface ImageInputOptions {
  client: () => StudioClient | undefined;
  /** The one model chosen (compare mode offers no image input). */
  model: () => ModelInfo | undefined;
}

export class ImageInputController implements ReactiveController {
  chosen: ChosenImage | undefined;
  /** Why the last file was refused (here or by the edge API). */
  error = "";
  operation: ImageOperation = "img2img";
  strength: number | undefined;
  scale: UpscaleFactor | undefined;
  libraryOpen = false;
  dragging = false;
  private abort: AbortController | undefined;

  readonly library: QueryController<typeof api.images.list>;

  constructor(
    private readonly host: ImageInputHost,
    private readonly options: ImageInputOptions,
  ) {
    host.addController(this);
    this.library = new QueryController(host, options.client, api.images.list, () =>
      this.libraryOpen ? { paginationOpts: { numItems: 24, cursor: null } } : SKIP,
    );
  }

  hostConnected(): void {
    this.host.addEventListener("paste", this.onPaste);
  }

  hostDisconnected(): void {
    this.host.removeEventListener("paste", this.onPaste);
    this.abort?.abort();
    if (this.chosen?.source === "file") URL.revokeObjectURL(this.chosen.previewUrl);
  }

  /** What the chosen model can do with an image, or undefined (the section is not shown). */
  get capability(): ImageInputCapability | undefined {
    return this.options.model()?.supports.imageInput;
  }

  /** The operations offered for the chosen model. */
  get operations(): ImageOperation[] {
    return (this.capability?.operations ?? []).filter((operation) => PROMPT_BOX_OPERATIONS.includes(operation));
  }

  /** A file is still uploading: the form waits for it. */
  get uploading(): boolean {
    return this.chosen?.source === "file" && this.chosen.inputId === undefined;
  }

  /** The job request's `input`, or undefined when there is no image (or the model takes none). */
  request(): GenerationInput | undefined {
    const capability = this.capability;
    const chosen = this.chosen;
    if (!capability || !chosen || (chosen.source === "file" && !chosen.inputId)) return undefined;
    const operation = this.operations.includes(this.operation) ? this.operation : this.operations[0];
    if (!operation) return undefined;
    return {
      operation,
      ...(chosen.source === "library" ? { imageId: chosen.image._id } : { inputId: chosen.inputId! }),
      ...((operation === "img2img" || operation === "variations") && capability.strength
        ? { strength: this.strength ?? capability.strength.default ?? 0.6 }
        : {}),
      ...(operation === "upscale" ? { scale: this.scale ?? capability.scales?.[0] ?? 2 } : {}),
    };
  }

  /** The input went into a job: removing it from the box must not delete it. */
  markUsed(): void {
    if (this.chosen?.source === "file") this.chosen = { ...this.chosen, used: true };
  }

  render() {
    const capability = this.capability;
    if (!capability) return undefined;
    return imageInputSection(this, capability);
  }

  /** Takes a file (dropped, pasted or picked): checks it, shows it and uploads it. */
  async useFile(file: File): Promise<void> {
    const problem = inputFileProblem(file);
    if (problem) return this.update({ error: problem });
    const client = this.options.client();
    if (!client?.uploadInput) return this.update({ error: msg("Uploading images needs a connection to Pixorly.") });
    this.remove();
    const abort = (this.abort = new AbortController());
    const previewUrl = URL.createObjectURL(file);
    this.update({ error: "", chosen: { source: "file", name: file.name, previewUrl, progress: 0, used: false } });
    try {
      const uploaded = await client.uploadInput(file, {
        signal: abort.signal,
        onProgress: (progress) => this.updateFile(previewUrl, { progress }),
      });
      this.updateFile(previewUrl, { inputId: uploaded.inputId, progress: 1 });
    } catch (error) {
      if (abort.signal.aborted) return;
      URL.revokeObjectURL(previewUrl);
      // The edge API's refusal is written for people (wrong type, too large, too many pixels): shown as it is.
      const message = error instanceof InputUploadError ? error.message : toUserFacingError(error).message;
      this.update({ chosen: undefined, error: message });
    }
  }

  /** Uses a library image. */
  useImage(image: ImageDoc): void {
    this.remove();
    this.update({ chosen: { source: "library", image }, libraryOpen: false, error: "" });
  }

  /** Takes the image away (an uploaded file no job used yet is deleted, so it stops counting in storage). */
  remove(): void {
    const chosen = this.chosen;
    this.abort?.abort();
    this.abort = undefined;
    if (chosen?.source === "file") {
      URL.revokeObjectURL(chosen.previewUrl);
      const client = this.options.client();
      if (chosen.inputId && !chosen.used)
        void client?.mutation(api.inputs.remove, { inputId: chosen.inputId }).catch(() => {});
    }
    this.update({ chosen: undefined });
  }

  update(
    change: Partial<
      Pick<ImageInputController, "chosen" | "error" | "operation" | "strength" | "scale" | "libraryOpen" | "dragging">
    >,
  ): void {
    Object.assign(this, change);
    this.host.requestUpdate();
  }

  private updateFile(previewUrl: string, change: { progress: number; inputId?: string }): void {
    const chosen = this.chosen;
    if (chosen?.source !== "file" || chosen.previewUrl !== previewUrl) return;
    this.update({ chosen: { ...chosen, ...change } });
  }

  private readonly onPaste = (event: ClipboardEvent) => {
    if (!this.capability) return;
    const file = [...(event.clipboardData?.files ?? [])].find((each) => each.type.startsWith("image/"));
    if (!file) return;
    event.preventDefault();
    void this.useFile(file);
  };
}
