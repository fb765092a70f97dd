/**
 * Samples for models that have none of their own (the cloud models: the built-in ones ship a
 * picture they painted): the first image the visitor made with each model, from their recent
 * images, remembered in this browser per account so the card keeps showing that picture after it
 * scrolls out of the recent list. The same query as the recent-images strip, so no extra traffic.
 */
import type { ReactiveControllerHost } from "lit";
import { api } from "../client/api.js";
import { QueryController, SKIP } from "../client/query-controller.js";
import type { StudioClient } from "../client/studio-client.js";

const RECENT = { paginationOpts: { numItems: 12, cursor: null } };

export interface ModelSamplesOptions {
  client: () => StudioClient | undefined;
  /** The signed-in user (samples are theirs); '' while signed out. */
  userId: () => string;
}

export class ModelSamples {
  private readonly images: QueryController<typeof api.images.list>;
  private remembered: Record<string, string> = {};
  private rememberedFor = "";

  constructor(
    host: ReactiveControllerHost,
    private readonly options: ModelSamplesOptions,
  ) {
    this.images = new QueryController(host, options.client, api.images.list, () => (options.userId() ? RECENT : SKIP));
  }

  /** Image id by model id: the remembered sample, else the oldest recent image of that model (then remembered). */
  get value(): Record<string, string> {
    const userId = this.options.userId();
    if (!userId) return {};
    if (this.rememberedFor !== userId) {
      this.rememberedFor = userId;
      this.remembered = read(userId);
    }
    const found: Record<string, string> = {};
    // Newest first: the last one seen per model is the oldest.
    for (const image of this.images.value?.page ?? [])
      if (!image.model.startsWith("local/")) found[image.model] = image._id;
    const merged = { ...found, ...this.remembered };
    if (Object.keys(merged).length !== Object.keys(this.remembered).length) {
      this.remembered = merged;
      write(userId, merged);
    }
    return merged;
  }
}

const key = (userId: string) => `pixorly:model-samples:v1:${userId}`;

function read(userId: string): Record<string, string> {
  try {
    const parsed = JSON.parse(window.localStorage.getItem(key(userId)) ?? "{}") as unknown;
    if (typeof parsed !== "object" || parsed === null) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    );
  } catch {
    // Storage blocked or garbled: the samples come from the recent images alone.
    return {};
  }
}

function write(userId: string, samples: Record<string, string>): void {
  try {
    window.localStorage.setItem(key(userId), JSON.stringify(samples));
  } catch {
    // Storage blocked: nothing to remember with.
  }
}
