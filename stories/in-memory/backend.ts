/**
 * A backend in memory, for the catalog: the Convex functions the elements call (by the same
 * names, arguments and result shapes as `packages/elements/src/client/api.ts`), answered from
 * plain arrays — the writes here, the reads in queries.ts. Jobs run on timers — pending, then processing, then completed with new images
 * in the library — so a story shows the studio moving, not a still. Every write notifies the
 * subscribed client, which re-runs its queries: live updates as Convex gives them.
 *
 * Not a model of the real rules (credits, plans, ownership are the backend's tests' business);
 * just enough that every element can be driven through every state without a server.
 */
import { PROMPT_OPTIONAL_OPERATIONS, type ModelInfo } from "@pixorly/core";
import { ConvexError } from "convex/values";
import type {
  AccountPreset,
  CollectionDoc,
  GenerationInput,
  ImageDoc,
  ImageFilter,
  InputDoc,
  Job,
  LineageStep,
  RecentPrompt,
} from "../../packages/elements/src/client/api.js";
import { artPlaceholder } from "./art.js";
import { queriesOf } from "./queries.js";
import { CATALOG, jobForImages, makeCollections, makeLibrary } from "./seed.js";

type Handler = (args: any) => unknown;

export interface BackendSeed {
  /** Images in the library (made up by `makeLibrary`), newest first. */
  images?: number;
  /** Seed collections over the library (default: true when there are images). */
  collections?: boolean;
  models?: ModelInfo[];
  /** Jobs present at start (in any state); `jobs:listActive` lists the pending and processing ones. */
  jobs?: Job[];
  credits?: number;
  /** How long a new job waits in the queue, then renders (ms). */
  pendingMs?: number;
  processingMs?: number;
}

interface StoredCollection {
  doc: Omit<CollectionDoc, "imageCount" | "cover">;
  imageIds: string[];
}

/** Errors as the real functions throw them: `ConvexError({ code, message })`. */
function fail(code: string, message: string): never {
  throw new ConvexError({ code, message });
}

export class InMemoryBackend {
  readonly models: ModelInfo[];
  images: ImageDoc[];
  readonly jobs = new Map<string, Job>();
  collections: StoredCollection[];
  prompts: RecentPrompt[] = [];
  presets: AccountPreset[] = [];
  account = { plan: "pro", credits: 2_500, storageUsed: 0 };
  /** Uploaded inputs (issue 16), newest first, as `inputs:list` returns them. */
  inputs: InputDoc[] = [];
  /** Each job's `input`, for the lineage of the images it makes. */
  private readonly jobInputs = new Map<string, NonNullable<GenerationInput["input"]>>();

  private readonly listeners = new Set<() => void>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private counter = 0;
  private readonly pendingMs: number;
  private readonly processingMs: number;

  constructor(seed: BackendSeed = {}) {
    this.models = seed.models ?? CATALOG;
    this.pendingMs = seed.pendingMs ?? 1_200;
    this.processingMs = seed.processingMs ?? 2_500;
    this.account.credits = seed.credits ?? this.account.credits;
    this.images = makeLibrary(seed.images ?? 0);
    for (let n = 0; n < this.images.length; n += 2) {
      const job = jobForImages(this.images.slice(n, n + 2));
      this.jobs.set(job._id, job);
    }
    for (const job of seed.jobs ?? []) this.addJob(job);
    this.collections = (seed.collections ?? this.images.length > 0) ? makeCollections(this.images) : [];
    this.prompts = this.images
      .slice(0, 5)
      .map((image, n) => ({ _id: `prompt_${n}`, prompt: image.prompt, usedAt: image._creationTime }));
    this.account.storageUsed = this.images.reduce((sum, image) => sum + image.size, 0);
  }

  /** Calls `listener` after every write; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops every job timer (the story is gone). */
  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.listeners.clear();
  }

  /** Answers a query by its Convex name (`module:function`). */
  query(name: string, args: Record<string, unknown>): unknown {
    const handler = this.queries[name];
    if (!handler) fail("NOT_FOUND", `The in-memory backend has no query ${name}.`);
    return handler(args);
  }

  /** Runs a mutation by its Convex name; listeners hear about it afterwards. */
  mutation(name: string, args: Record<string, unknown>): unknown {
    const handler = this.mutations[name];
    if (!handler) fail("NOT_FOUND", `The in-memory backend has no mutation ${name}.`);
    const result = handler(args);
    this.changed();
    return result;
  }

  /** Adds a job as it stands; a completed one without images gets its `numImages` images made (newest in the library). */
  addJob(job: Job): Job {
    let stored = job;
    if (job.status === "completed" && job.resultImageIds.length === 0) {
      const created = this.imagesFor(job, job.completedAt ?? job._creationTime);
      this.images = [...created, ...this.images];
      stored = { ...job, resultImageIds: created.map((image) => image._id) };
    }
    this.jobs.set(stored._id, stored);
    return stored;
  }

  image(imageId: string): ImageDoc | undefined {
    return this.images.find((image) => image._id === imageId);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  private later(ms: number, step: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      step();
      this.changed();
    }, ms);
    this.timers.add(timer);
  }

  private nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}_new_${this.counter}`;
  }

  filtered(filter: ImageFilter & { text?: string; sort?: "newest" | "oldest" }): ImageDoc[] {
    const inCollection = filter.collectionId ? new Set(this.collection(filter.collectionId).imageIds) : undefined;
    const text = filter.text?.trim().toLowerCase();
    const images = this.images.filter(
      (image) =>
        (!filter.model || image.model === filter.model) &&
        (!filter.tag || image.tags?.includes(filter.tag)) &&
        (!filter.favorite || image.favorite) &&
        (filter.from === undefined || image._creationTime >= filter.from) &&
        (filter.to === undefined || image._creationTime <= filter.to) &&
        (!inCollection || inCollection.has(image._id)) &&
        (!text || image.prompt.toLowerCase().includes(text)),
    );
    return filter.sort === "oldest" ? images.reverse() : images;
  }

  collection(id: string): StoredCollection {
    return (
      this.collections.find((collection) => collection.doc._id === id) ??
      fail("NOT_FOUND", "This collection does not exist.")
    );
  }

  collectionDoc({ doc, imageIds }: StoredCollection): CollectionDoc {
    const first = imageIds.map((id) => this.image(id)).find((image) => image);
    return {
      ...doc,
      imageCount: imageIds.length,
      cover: first
        ? {
            imageId: first._id,
            width: first.width,
            height: first.height,
            format: first.format,
            placeholder: this.placeholderOf(first),
          }
        : null,
    };
  }

  /** Placeholders are painted on first use: a library of thousands would otherwise paint them all up front. */
  private placeholderOf(image: ImageDoc): string {
    image.placeholder ??= artPlaceholder(image);
    return image.placeholder;
  }

  /** Stores an upload as the edge API would (`POST /v1/inputs`): an id, its size, counted in storage. */
  addInput(kind: InputDoc["kind"], width: number, height: number, bytes: number): InputDoc {
    const input: InputDoc = {
      inputId: this.nextId("input"),
      kind,
      width,
      height,
      format: "png",
      bytes,
      createdAt: Date.now(),
    };
    this.inputs = [input, ...this.inputs];
    this.account.storageUsed += bytes;
    return input;
  }

  /** `images:lineage`: the image, then its sources by `lineage.sourceImageId`, at most 10; a deleted one is `exists: false`. */
  lineage(imageId: string): LineageStep[] {
    const steps: LineageStep[] = [];
    let id: string | undefined = imageId;
    while (id && steps.length < 10) {
      const image = this.image(id);
      if (!image) {
        if (steps.length > 0) steps.push({ imageId: id, prompt: "", model: "", createdAt: 0, exists: false });
        break;
      }
      steps.push({
        imageId: id,
        ...(image.lineage ? { operation: image.lineage.operation } : {}),
        prompt: image.prompt,
        model: image.model,
        createdAt: image._creationTime,
        exists: true,
      });
      id = image.lineage?.sourceImageId;
    }
    return steps;
  }

  withPlaceholders(images: ImageDoc[]): ImageDoc[] {
    for (const image of images) this.placeholderOf(image);
    return images;
  }

  private readonly queries = queriesOf(this);

  private readonly mutations: Record<string, Handler> = {
    "users:ensure": () => this.ensureUser(),
    "jobs:create": (input: GenerationInput) => this.createJob(input),
    "jobs:cancel": ({ jobId }) => {
      const job = this.jobs.get(jobId) ?? fail("NOT_FOUND", "This job does not exist.");
      if (job.status !== "pending" && job.status !== "processing") fail("CONFLICT", "This job has already finished.");
      this.jobs.set(jobId, { ...job, status: "cancelled", queuePosition: null, completedAt: Date.now() });
      this.account.credits += job.reservedCredits;
      return null;
    },
    "jobs:retry": ({ jobId }) => {
      const job = this.jobs.get(jobId) ?? fail("NOT_FOUND", "This job does not exist.");
      return this.createJob({
        prompt: job.prompt,
        negativePrompt: job.negativePrompt,
        model: job.model,
        parameters: job.parameters,
      });
    },
    "inputs:remove": ({ inputId }) => {
      const input =
        this.inputs.find((each) => each.inputId === inputId) ?? fail("NOT_FOUND", "This input does not exist.");
      this.inputs = this.inputs.filter((each) => each !== input);
      this.account.storageUsed -= input.bytes;
      return null;
    },
    "images:setFavorite": ({ ids, favorite }) => this.updateImages(ids, (image) => ({ ...image, favorite })),
    "images:setVisibility": ({ ids, isPublic }) => this.updateImages(ids, (image) => ({ ...image, isPublic })),
    "images:addTags": ({ ids, tags }) =>
      this.updateImages(ids, (image) => ({ ...image, tags: [...new Set([...(image.tags ?? []), ...tags])] })),
    "images:removeTags": ({ ids, tags }) =>
      this.updateImages(ids, (image) => ({ ...image, tags: (image.tags ?? []).filter((tag) => !tags.includes(tag)) })),
    "images:removeMany": ({ ids }) => {
      const gone = new Set<string>(ids);
      const before = this.images.length;
      this.images = this.images.filter((image) => !gone.has(image._id));
      for (const collection of this.collections)
        collection.imageIds = collection.imageIds.filter((id) => !gone.has(id));
      return { removed: before - this.images.length, scheduled: before - this.images.length };
    },
    "collections:create": ({ name }) => {
      const trimmed = String(name).trim();
      if (!trimmed) fail("INVALID_ARGUMENT", "Give the collection a name.");
      const _id = this.nextId("col");
      this.collections.unshift({
        doc: { _id, _creationTime: Date.now(), name: trimmed, isPublic: false, shareId: null, updatedAt: Date.now() },
        imageIds: [],
      });
      return _id;
    },
    "collections:rename": ({ id, name }) => {
      const collection = this.collection(id);
      collection.doc = { ...collection.doc, name: String(name).trim() || collection.doc.name, updatedAt: Date.now() };
      return null;
    },
    "collections:remove": ({ id }) => {
      this.collection(id);
      this.collections = this.collections.filter(({ doc }) => doc._id !== id);
      return null;
    },
    "collections:addImages": ({ id, imageIds }) => {
      const collection = this.collection(id);
      const fresh = (imageIds as string[]).filter((imageId) => !collection.imageIds.includes(imageId));
      collection.imageIds = [...collection.imageIds, ...fresh];
      return { added: fresh.length };
    },
    "collections:removeImages": ({ id, imageIds }) => {
      const collection = this.collection(id);
      const before = collection.imageIds.length;
      collection.imageIds = collection.imageIds.filter((imageId) => !imageIds.includes(imageId));
      return { removed: before - collection.imageIds.length };
    },
    "collections:move": ({ id, imageId, beforeImageId }) => {
      const collection = this.collection(id);
      const rest = collection.imageIds.filter((other) => other !== imageId);
      const at = beforeImageId ? rest.indexOf(beforeImageId) : -1;
      rest.splice(at < 0 ? rest.length : at, 0, imageId);
      collection.imageIds = rest;
      return null;
    },
    "collections:setVisibility": ({ id, isPublic }) => {
      const collection = this.collection(id);
      const shareId = isPublic ? (collection.doc.shareId ?? `share_${id}`) : null;
      collection.doc = { ...collection.doc, isPublic, shareId };
      return { shareId };
    },
    "prompts:forget": ({ id }) => {
      this.prompts = this.prompts.filter((prompt) => prompt._id !== id);
      return null;
    },
    "presets:save": (preset) => {
      const _id = this.nextId("preset");
      this.presets = [
        ...this.presets.filter((other) => other.name !== preset.name),
        { ...preset, _id, updatedAt: Date.now() },
      ];
      return _id;
    },
    "presets:remove": ({ id }) => {
      this.presets = this.presets.filter((preset) => preset._id !== id);
      return null;
    },
  };

  private ensureUser() {
    return { userId: "user_storybook", ...this.account };
  }

  private updateImages(ids: string[], change: (image: ImageDoc) => ImageDoc): { updated: number } {
    const wanted = new Set(ids);
    this.images = this.images.map((image) => (wanted.has(image._id) ? change(image) : image));
    return { updated: ids.length };
  }

  private imagesFor(job: Job, at: number): ImageDoc[] {
    const { width, height, seed, numImages } = job.parameters;
    return Array.from({ length: numImages }, (_, n) => ({
      _id: this.nextId("img"),
      _creationTime: at,
      jobId: job._id,
      model: job.model,
      prompt: job.prompt,
      width,
      height,
      format: "png",
      size: 400_000,
      seed: (seed + n) >>> 0,
      parameters: job.parameters,
    }));
  }

  /** `jobs:create`: checks what the real function checks first, then runs the job on timers. */
  private createJob(input: GenerationInput): string {
    const model =
      this.models.find((candidate) => candidate.id === input.model) ??
      fail("MODEL_UNAVAILABLE", "This model is not available right now. Try another model.");
    const promptOptional = !!input.input && PROMPT_OPTIONAL_OPERATIONS.includes(input.input.operation);
    if (!input.prompt?.trim() && !promptOptional) fail("INVALID_ARGUMENT", "Write a prompt first.");
    if (input.input && !model.supports.imageInput?.operations.includes(input.input.operation))
      fail("INVALID_ARGUMENT", `${model.name} does not support ${input.input.operation}.`);
    if (/\bforbidden\b/i.test(input.prompt))
      fail("MODERATION_REJECTED", "This prompt is not allowed by the content policy.");
    const numImages = input.parameters.numImages ?? 1;
    const cost = model.costPerImageCredits * numImages;
    if (cost > this.account.credits) fail("INSUFFICIENT_CREDITS", "You do not have enough credits for this.");
    this.account.credits -= cost;
    const _id = this.nextId("job");
    const queued = [...this.jobs.values()].filter((job) => job.status === "pending").length;
    const job: Job = {
      _id,
      _creationTime: Date.now(),
      prompt: input.prompt,
      negativePrompt: input.negativePrompt,
      model: model.id,
      provider: model.provider,
      parameters: { seed: Math.floor(Math.random() * 4_294_967_296), numImages, ...input.parameters },
      status: "pending",
      reservedCredits: cost,
      resultImageIds: [],
      queuePosition: queued + 1,
    };
    this.jobs.set(_id, job);
    if (input.input) this.jobInputs.set(_id, input.input);
    this.prompts = [
      { _id: this.nextId("prompt"), prompt: input.prompt, usedAt: Date.now() },
      ...this.prompts.filter((p) => p.prompt !== input.prompt),
    ].slice(0, 20);
    this.later(this.pendingMs, () => this.startJob(_id));
    return _id;
  }

  private startJob(jobId: string): void {
    const job = this.jobs.get(jobId);
    if (job?.status !== "pending") return;
    this.jobs.set(jobId, { ...job, status: "processing", queuePosition: null, startedAt: Date.now() });
    this.later(this.processingMs, () => this.finishJob(jobId));
  }

  /** A prompt that asks for it ("…fail…") fails as a provider error would, with the credits refunded. */
  private finishJob(jobId: string): void {
    const job = this.jobs.get(jobId);
    if (job?.status !== "processing") return;
    if (/\bfail/i.test(job.prompt)) {
      this.account.credits += job.reservedCredits;
      this.jobs.set(jobId, {
        ...job,
        status: "failed",
        completedAt: Date.now(),
        error: { code: "PROVIDER_ERROR", message: "The image provider failed. Your credits were refunded." },
      });
      return;
    }
    const made = this.jobInputs.get(jobId);
    const created = this.imagesFor(job, Date.now()).map((image) =>
      made
        ? {
            ...image,
            lineage: {
              operation: made.operation,
              ...(made.imageId ? { sourceImageId: made.imageId } : {}),
              ...(made.inputId ? { inputId: made.inputId } : {}),
              ...(made.maskInputId ? { maskInputId: made.maskInputId } : {}),
            },
          }
        : image,
    );
    this.images = [...created, ...this.images];
    this.account.storageUsed += created.length * 400_000;
    this.jobs.set(jobId, {
      ...job,
      status: "completed",
      completedAt: Date.now(),
      actualCost: job.reservedCredits,
      resultImageIds: created.map((image) => image._id),
    });
  }
}
