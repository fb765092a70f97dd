/**
 * OpenRouter as an `ImageProvider`. Two wire formats, picked per model:
 * - "images": the dedicated Image API, `POST {base}/images` → `data[].b64_json`
 *   (https://openrouter.ai/docs/api/api-reference/images/generate-an-image);
 * - "chat": models served only through chat, `POST {base}/chat/completions` with
 *   `modalities: ["image", "text"]` → `choices[0].message.images[].image_url.url`
 *   (https://openrouter.ai/docs/guides/overview/multimodal/image-generation).
 * Both report `usage.cost` in US dollars, which becomes credits rounded up.
 */
import { closestAspectRatio, sumCredits, usdToCredits } from "@pixorly/core";
import { isRecord, readAnswer } from "./openrouter-errors";
import { bytesToBase64, imageFromBase64, imageFromDataUrl, sniffImageType } from "./image-bytes";
import {
  ProviderError,
  type ImageProvider,
  type ProviderImage,
  type ProviderInput,
  type ProviderRequest,
  type ProviderResult,
} from "./types";

export { syncModels } from "./openrouter-models";

export const OPENROUTER_BASE_URL = "https://openrouter.ai/api/v1";

export type OpenRouterEndpoint = "images" | "chat";

/** How one model is called. */
export interface OpenRouterRoute {
  endpoint: OpenRouterEndpoint;
  /** Image API only: send exact pixels (`size: "WxH"`) or the nearest `aspect_ratio`. */
  sizing?: "pixels" | "aspect-ratio";
}

export interface OpenRouterOptions {
  apiKey: string;
  baseUrl?: string;
  /** Sent as `HTTP-Referer`: identifies Pixorly to OpenRouter. */
  referer: string;
  /** Sent as `X-Title`: Pixorly's name in OpenRouter's dashboard. */
  title: string;
  /** Route for models not listed in `routes`; the Image API with exact pixels unless set. */
  defaultRoute?: OpenRouterRoute;
  routes?: Readonly<Record<string, OpenRouterRoute>>;
  fetch?: typeof fetch;
}

/**
 * A number as a plain decimal string (never exponent notation, which `usdToCredits`
 * rightly refuses): 1.5e-7 → "0.00000015". Starts from JavaScript's shortest
 * round-trip form, so 0.04 stays "0.04" instead of its binary expansion.
 */
export function plainDecimal(value: number): string {
  const [mantissa = "0", exponentText] = String(value).split("e");
  if (exponentText === undefined) return mantissa;
  const exponent = Number(exponentText);
  const [whole = "0", fraction = ""] = mantissa.split(".");
  const digits = whole + fraction;
  const point = whole.length + exponent;
  if (point <= 0) return `0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + "0".repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** `usage.cost` in credits; undefined when absent or not a usable amount (we then charge the list price). */
export function costToCredits(cost: unknown): number | undefined {
  if (typeof cost !== "number" && typeof cost !== "string") return undefined;
  if (typeof cost === "number" && (!Number.isFinite(cost) || cost < 0)) return undefined;
  try {
    return usdToCredits(typeof cost === "number" ? plainDecimal(cost) : cost);
  } catch {
    return undefined;
  }
}

function usageCost(body: Record<string, unknown>): unknown {
  return isRecord(body.usage) ? body.usage.cost : undefined;
}

/** What the model is asked to do with the image when the prompt says nothing (variations need no prompt). */
const INSTRUCTIONS: Partial<Record<ProviderInput["operation"], string>> = {
  img2img: "Transform this image as described.",
  variations: "Make a new variation of this image: same subject and composition, different details.",
  upscale: "Redraw this image at a higher resolution, keeping every detail.",
  "remove-background": "Remove the background of this image; keep only the main subject on a transparent background.",
  inpaint: "Repaint only the white area of the mask (the second image) in the first image as described.",
};

/**
 * A chat message with images (https://openrouter.ai/docs/guides/overview/multimodal/images): the text
 * first, as OpenRouter recommends, then each image as an `image_url` part holding a base64 data URL.
 */
export function imageInputContent(prompt: string, input: ProviderInput) {
  const instruction = INSTRUCTIONS[input.operation] ?? "";
  const text = prompt.trim() ? `${instruction}\n\n${prompt}`.trim() : instruction;
  const part = (bytes: Uint8Array) => ({
    type: "image_url" as const,
    image_url: { url: `data:${sniffImageType(bytes)};base64,${bytesToBase64(bytes)}` },
  });
  return [{ type: "text" as const, text }, part(input.image), ...(input.mask ? [part(input.mask)] : [])];
}

export class OpenRouterProvider implements ImageProvider {
  readonly id = "openrouter";
  private readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;

  constructor(private readonly options: OpenRouterOptions) {
    this.baseUrl = (options.baseUrl ?? OPENROUTER_BASE_URL).replace(/\/+$/, "");
    // Bound so a plain `fetch` works as the default without losing its `this`.
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  }

  routeFor(model: string): OpenRouterRoute {
    return this.options.routes?.[model] ?? this.options.defaultRoute ?? { endpoint: "images", sizing: "pixels" };
  }

  async generate(req: ProviderRequest, opts: { signal?: AbortSignal } = {}): Promise<ProviderResult> {
    const route = this.routeFor(req.model);
    // Input images go in the chat endpoint's content parts, the one format every image-input model takes.
    return route.endpoint === "chat" || req.input
      ? this.generateByChat(req, opts.signal)
      : this.generateByImageApi(req, route, opts.signal);
  }

  private async generateByImageApi(
    req: ProviderRequest,
    route: OpenRouterRoute,
    signal?: AbortSignal,
  ): Promise<ProviderResult> {
    const body: Record<string, unknown> = { model: req.model, prompt: req.prompt, n: req.numImages };
    if (route.sizing === "aspect-ratio") body.aspect_ratio = closestAspectRatio(req);
    else body.size = `${req.width}x${req.height}`;
    if (req.seed !== undefined) body.seed = req.seed;
    if (req.negativePrompt) body.negative_prompt = req.negativePrompt;
    const answer = await this.post("/images", body, signal);
    const data = Array.isArray(answer.data) ? answer.data : [];
    const images: ProviderImage[] = [];
    for (const item of data) {
      if (!isRecord(item)) continue;
      const image =
        typeof item.b64_json === "string"
          ? imageFromBase64(item.b64_json)
          : typeof item.url === "string"
            ? imageFromDataUrl(item.url)
            : undefined;
      if (image) images.push(image);
    }
    return this.result(images, costToCredits(usageCost(answer)), req.model);
  }

  /**
   * Chat models make one image per request, so `numImages` becomes that many
   * requests in parallel, each with its own seed so they do not come out identical.
   * They take no negative prompt, so it is put into the prompt in words.
   */
  private async generateByChat(req: ProviderRequest, signal?: AbortSignal): Promise<ProviderResult> {
    const text = req.negativePrompt ? `${req.prompt}\n\nAvoid: ${req.negativePrompt}` : req.prompt;
    const content = req.input ? imageInputContent(text, req.input) : text;
    const answers = await Promise.all(
      Array.from({ length: req.numImages }, (_, index) => {
        const body: Record<string, unknown> = {
          model: req.model,
          messages: [{ role: "user", content }],
          modalities: ["image", "text"],
          image_config: { aspect_ratio: closestAspectRatio(req) },
        };
        if (req.seed !== undefined) body.seed = (req.seed + index) % 0x1_0000_0000;
        return this.post("/chat/completions", body, signal);
      }),
    );
    const images: ProviderImage[] = [];
    const costs: (number | undefined)[] = [];
    for (const answer of answers) {
      const choice = Array.isArray(answer.choices) && isRecord(answer.choices[0]) ? answer.choices[0] : undefined;
      const message = choice && isRecord(choice.message) ? choice.message : undefined;
      const first = (Array.isArray(message?.images) ? message.images : [])
        .map((part) => (isRecord(part) && isRecord(part.image_url) ? part.image_url.url : undefined))
        .map((url) => (typeof url === "string" ? imageFromDataUrl(url) : undefined))
        .find((image) => image !== undefined);
      if (first) images.push(first);
      costs.push(costToCredits(usageCost(answer)));
    }
    // A total is only honest when every request reported its cost.
    const cost = costs.every((c) => c !== undefined) ? sumCredits(costs as number[]) : undefined;
    return this.result(images.length === req.numImages ? images : [], cost, req.model);
  }

  private result(images: ProviderImage[], costCredits: number | undefined, model: string): ProviderResult {
    if (images.length === 0) {
      // The model answered but made no image (often a silent refusal); trying again would be charged again.
      throw new ProviderError("PROVIDER_ERROR", `OpenRouter returned no images for ${model}`, {
        retryable: false,
        userMessage: "The model did not return an image. Try rewording the prompt or another model.",
      });
    }
    return costCredits === undefined ? { images } : { images, costCredits };
  }

  private async post(path: string, body: unknown, signal?: AbortSignal): Promise<Record<string, unknown>> {
    let response: Response;
    try {
      response = await this.fetchFn(this.baseUrl + path, {
        method: "POST",
        headers: {
          Authorization: `Bearer ${this.options.apiKey}`,
          "Content-Type": "application/json",
          "HTTP-Referer": this.options.referer,
          "X-Title": this.options.title,
        },
        body: JSON.stringify(body),
        signal,
      });
    } catch (error) {
      if (signal?.aborted) {
        throw signal.reason instanceof ProviderError
          ? signal.reason
          : new ProviderError("TIMEOUT", "OpenRouter request aborted", { retryable: true, cause: error });
      }
      throw new ProviderError("PROVIDER_ERROR", `OpenRouter unreachable: ${String(error)}`, {
        retryable: true,
        cause: error,
      });
    }
    return readAnswer(response);
  }
}
