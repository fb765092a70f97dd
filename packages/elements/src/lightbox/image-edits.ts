/**
 * What the lightbox can make from the image shown (issue 16): variations, an upscale ×2 / ×4, the
 * background removed, or an area repainted through the mask editor — each a job with `input`, on the
 * model that supports it (the image's own model first) — and the chain of images it was made from.
 * A controller beside the lightbox, so the element only places its sections; the mask editor is
 * imported when "Edit area" is first pressed, so neither the first paint nor the library chunk carries it.
 */
import type { GenerationInput, ImageOperation, ModelInfo } from "@pixorly/core";
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { api, type ImageDoc } from "../client/api.js";
import { InputUploadError } from "../client/input-uploads.js";
import { QueryController, SKIP } from "../client/query-controller.js";
import type { StudioClient } from "../client/studio-client.js";
import { msg } from "../i18n/localize.js";
import { ShownError } from "../internal/shown-error.js";

export interface ImageEditsOptions {
  client: () => StudioClient | undefined;
  image: () => ImageDoc | undefined;
  models: () => ModelInfo[] | undefined;
  /** The lightbox is open (the lineage is only asked for then). */
  open: () => boolean;
  /** Runs an action as the lightbox's other actions run (busy, failures shown and emitted). */
  run: (action: (client: StudioClient) => Promise<unknown>) => Promise<boolean>;
  say: (message: string) => void;
  /** A job was created from the image. */
  created: (jobId: string, model: string) => void;
}

/** The mask editor while "Edit area" is open: for which image, and the URL it shows. */
export interface EditingState {
  imageId: string;
  src: string | undefined;
}

export class ImageEditsController implements ReactiveController {
  editing: EditingState | undefined;
  /** What to paint into the masked area (starts as the image's prompt). */
  inpaintPrompt = "";

  readonly lineage: QueryController<typeof api.images.lineage>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ImageEditsOptions,
  ) {
    host.addController(this);
    this.lineage = new QueryController(host, options.client, api.images.lineage, () => {
      const image = options.image();
      return options.open() && image ? { imageId: image._id } : SKIP;
    });
  }

  hostConnected(): void {}

  /** The model to run `operation` on: the image's own when it can, else the first in the catalog that can. */
  modelFor(operation: ImageOperation, image: ImageDoc, scale?: 2 | 4): ModelInfo | undefined {
    const can = (model: ModelInfo) => {
      const capability = model.supports.imageInput;
      return (
        !!capability?.operations.includes(operation) &&
        (!scale || !capability.scales || capability.scales.includes(scale))
      );
    };
    const models = this.options.models() ?? [];
    return models.find((model) => model.id === image.model && can(model)) ?? models.find(can);
  }

  variations(image: ImageDoc): Promise<boolean> {
    return this.create(image, "variations", {}, msg("Variations started: they appear in your library when done."));
  }

  upscale(image: ImageDoc, scale: 2 | 4): Promise<boolean> {
    return this.create(
      image,
      "upscale",
      { scale },
      msg("Upscaling started: the result appears in your library when done."),
    );
  }

  removeBackground(image: ImageDoc): Promise<boolean> {
    return this.create(
      image,
      "remove-background",
      {},
      msg("Background removal started: the result appears in your library when done."),
    );
  }

  /** Opens the mask editor over the image (loading it on first use). */
  async startEdit(image: ImageDoc): Promise<void> {
    this.inpaintPrompt = image.prompt;
    this.editing = { imageId: image._id, src: undefined };
    this.host.requestUpdate();
    await this.options.run(async (client) => {
      const [signed] = await Promise.all([client.signedUrl(image._id), import("../mask-editor/mask-editor.js")]);
      if (!signed) throw new ShownError(msg("This image is not available."));
      if (this.editing?.imageId === image._id) this.editing = { imageId: image._id, src: signed.url };
    });
    if (!this.editing?.src) this.editing = undefined;
    this.host.requestUpdate();
  }

  cancelEdit(): void {
    this.editing = undefined;
    this.host.requestUpdate();
  }

  /** The mask painted: upload it (`kind=mask`) and create the inpainting job. */
  async inpaint(image: ImageDoc, mask: Blob): Promise<boolean> {
    const prompt = this.inpaintPrompt.trim();
    if (!prompt) {
      this.options.say(msg("Say what to paint into the area first."));
      return false;
    }
    const ok = await this.create(
      image,
      "inpaint",
      {},
      msg("Repainting the area: the result appears in your library when done."),
      async (client) => {
        if (!client.uploadInput) throw new ShownError(msg("Uploading a mask needs a connection to Pixorly."));
        try {
          const uploaded = await client.uploadInput(mask, { kind: "mask" });
          return { maskInputId: uploaded.inputId, prompt };
        } catch (error) {
          throw error instanceof InputUploadError ? new ShownError(error.message) : error;
        }
      },
    );
    if (ok) this.cancelEdit();
    return ok;
  }

  private async create(
    image: ImageDoc,
    operation: ImageOperation,
    extra: Pick<GenerationInput, "scale">,
    started: string,
    prepare?: (client: StudioClient) => Promise<{ maskInputId: string; prompt: string }>,
  ): Promise<boolean> {
    const model = this.modelFor(operation, image, extra.scale);
    if (!model) return false;
    return this.options.run(async (client) => {
      const prepared = prepare ? await prepare(client) : undefined;
      const strength = operation === "variations" ? model.supports.imageInput?.strength?.default : undefined;
      const input: GenerationInput = {
        operation,
        imageId: image._id,
        ...extra,
        ...(strength !== undefined ? { strength } : {}),
        ...(prepared ? { maskInputId: prepared.maskInputId } : {}),
      };
      const result = await client.mutation(api.jobs.create, {
        prompt: prepared?.prompt ?? image.prompt,
        model: model.id,
        parameters: { width: image.width, height: image.height },
        input,
      });
      if (typeof result !== "string") throw new ShownError(result.refused.message);
      this.options.created(result, model.id);
      this.options.say(started);
    });
  }
}
