import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PNG_BASE64, PNG_BYTES, startFakeOpenRouter, type FakeOpenRouter } from "./fake-openrouter.testing";
import { OpenRouterProvider, costToCredits, plainDecimal } from "./openrouter";
import { CircuitBreaker, withRetries, withTimeout } from "./resilience";
import type { ProviderRequest } from "./types";

let fake: FakeOpenRouter;
let provider: OpenRouterProvider;

const request: ProviderRequest = {
  model: "vendor/painter",
  prompt: "a red panda astronaut",
  negativePrompt: "blurry",
  width: 1024,
  height: 576,
  seed: 7,
  numImages: 2,
};

const chatAnswer = (cost = 0.039) => ({
  status: 200,
  body: {
    id: "gen-1",
    choices: [
      {
        finish_reason: "stop",
        message: {
          role: "assistant",
          content: "Here is your image.",
          images: [{ type: "image_url", image_url: { url: `data:image/png;base64,${PNG_BASE64}` } }],
        },
      },
    ],
    usage: { prompt_tokens: 10, completion_tokens: 1290, total_tokens: 1300, cost },
  },
});

const imagesAnswer = {
  status: 200,
  body: {
    created: 1748372400,
    data: [{ b64_json: PNG_BASE64 }, { url: `data:image/webp;base64,${PNG_BASE64}` }],
    usage: { cost: 0.08 },
  },
};
const openRouterError = (code: number, message: string, metadata?: unknown) => ({
  status: code,
  body: { error: { code, message, ...(metadata ? { metadata } : {}) } },
});

beforeEach(async () => {
  fake = await startFakeOpenRouter();
  provider = new OpenRouterProvider({
    apiKey: "sk-or-test",
    baseUrl: fake.baseUrl,
    referer: "https://pixorly.example",
    title: "Pixorly",
    routes: {
      "google/chatty-image": { endpoint: "chat" },
      "vendor/ratio-only": { endpoint: "images", sizing: "aspect-ratio" },
    },
  });
});

afterEach(() => fake.close());

describe("OpenRouterProvider via the Image API", () => {
  it("sends the request with OpenRouter's headers and decodes the images and cost", async () => {
    fake.answer("/images", imagesAnswer);
    const result = await provider.generate(request, {});
    expect(fake.requests).toHaveLength(1);
    const [sent] = fake.requests;
    expect(sent?.method).toBe("POST");
    expect(sent?.headers.authorization).toBe("Bearer sk-or-test");
    expect(sent?.headers["http-referer"]).toBe("https://pixorly.example");
    expect(sent?.headers["x-title"]).toBe("Pixorly");
    expect(sent?.headers["content-type"]).toBe("application/json");
    expect(sent?.body).toEqual({
      model: "vendor/painter",
      prompt: "a red panda astronaut",
      n: 2,
      size: "1024x576",
      seed: 7,
      negative_prompt: "blurry",
    });
    expect(result.images).toEqual([
      { bytes: PNG_BYTES, mimeType: "image/png" },
      { bytes: PNG_BYTES, mimeType: "image/webp" },
    ]);
    expect(result.costCredits).toBe(80);
  });

  it("sends the nearest aspect ratio for models configured so, and leaves out absent options", async () => {
    fake.answer("/images", imagesAnswer);
    await provider.generate({ model: "vendor/ratio-only", prompt: "p", width: 1024, height: 576, numImages: 1 }, {});
    expect(fake.requests[0]?.body).toEqual({ model: "vendor/ratio-only", prompt: "p", n: 1, aspect_ratio: "16:9" });
  });
});

describe("OpenRouterProvider via chat completions", () => {
  it("asks for image modalities once per image and sums the cost", async () => {
    fake.answer("/chat/completions", chatAnswer(0.039));
    const result = await provider.generate({ ...request, model: "google/chatty-image" }, {});
    expect(fake.requests.map((r) => r.body)).toEqual(
      [0, 1].map((i) => ({
        model: "google/chatty-image",
        messages: [{ role: "user", content: "a red panda astronaut\n\nAvoid: blurry" }],
        modalities: ["image", "text"],
        image_config: { aspect_ratio: "16:9" },
        seed: 7 + i,
      })),
    );
    expect(result.images).toEqual([
      { bytes: PNG_BYTES, mimeType: "image/png" },
      { bytes: PNG_BYTES, mimeType: "image/png" },
    ]);
    expect(result.costCredits).toBe(78);
  });
});

describe("OpenRouterProvider with an input image", () => {
  const withInput: ProviderRequest = {
    ...request,
    negativePrompt: undefined,
    numImages: 1,
    input: { operation: "img2img", image: PNG_BYTES, strength: 0.5 },
  };

  it("sends the prompt first, then the image as a base64 data URL content part, on the chat endpoint", async () => {
    fake.answer("/chat/completions", chatAnswer());
    const result = await provider.generate(withInput);
    expect(result.images).toHaveLength(1);
    const [sent] = fake.requests;
    expect(sent!.path).toBe("/chat/completions");
    const body = sent!.body as { messages: { content: unknown }[]; modalities: string[] };
    expect(body.modalities).toEqual(["image", "text"]);
    expect(body.messages[0]!.content).toEqual([
      { type: "text", text: "Transform this image as described.\n\na red panda astronaut" },
      { type: "image_url", image_url: { url: `data:image/png;base64,${PNG_BASE64}` } },
    ]);
  });

  it("asks for a variation in words when there is no prompt, and sends a mask as a second image", async () => {
    fake.answer("/chat/completions", chatAnswer());
    await provider.generate({ ...withInput, prompt: "", input: { operation: "variations", image: PNG_BYTES } });
    await provider.generate({ ...withInput, input: { operation: "inpaint", image: PNG_BYTES, mask: PNG_BYTES } });
    const [variation, inpaint] = fake.requests.map(
      (r) => (r.body as { messages: { content: unknown[] }[] }).messages[0]!.content,
    );
    expect(variation![0]).toEqual({ type: "text", text: expect.stringMatching(/^Make a new variation of this image/) });
    expect(inpaint!.map((part) => (part as { type: string }).type)).toEqual(["text", "image_url", "image_url"]);
  });

  it("the fake refuses what OpenRouter refuses: a part that is not a data URL of an image", async () => {
    const res = await fetch(`${fake.baseUrl}/chat/completions`, {
      method: "POST",
      body: JSON.stringify({
        model: "m",
        messages: [
          { role: "user", content: [{ type: "image_url", image_url: { url: "data:image/png;base64,PHN2Zz4=" } }] },
        ],
      }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/not a png image/);
  });

  it("retries a 500, sending the same image parts again", async () => {
    fake.answer(
      "/chat/completions",
      { status: 500, body: { error: { code: 500, message: "upstream" } } },
      chatAnswer(),
    );
    const result = await withRetries(() => provider.generate(withInput), {
      attempts: 2,
      baseDelayMs: 1,
      maxDelayMs: 1,
    });
    expect(result.images).toHaveLength(1);
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]!.body).toEqual(fake.requests[0]!.body);
  });
});

describe("OpenRouterProvider faults", () => {
  it("retries a 429 after the Retry-After seconds, then succeeds", async () => {
    fake.answer(
      "/images",
      { ...openRouterError(429, "Rate limit exceeded"), headers: { "Retry-After": "2" } },
      imagesAnswer,
    );
    const sleeps: number[] = [];
    const result = await withRetries(() => provider.generate(request, {}), {
      attempts: 3,
      baseDelayMs: 100,
      maxDelayMs: 1_000,
      sleep: async (ms) => void sleeps.push(ms),
    });
    expect(sleeps).toEqual([2_000]);
    expect(fake.requests).toHaveLength(2);
    expect(result.images).toHaveLength(2);
  });

  it("opens the breaker after repeated 500s and closes it after the cooldown", async () => {
    let now = 0;
    const breaker = new CircuitBreaker({ threshold: 3, cooldownMs: 30_000, now: () => now });
    fake.answer("/images", openRouterError(500, "Internal Server Error"));
    for (let i = 0; i < 3; i++) {
      await expect(breaker.run(() => provider.generate(request, {}))).rejects.toMatchObject({
        code: "PROVIDER_ERROR",
        retryable: true,
      });
    }
    expect(breaker.state).toEqual({ state: "open", failures: 3, openedAt: 0 });
    now = 29_999;
    await expect(breaker.run(() => provider.generate(request, {}))).rejects.toMatchObject({
      retryable: false,
      retryAfterMs: 1,
    });
    expect(fake.requests).toHaveLength(3);
    now = 30_000;
    fake.answer("/images", imagesAnswer);
    await expect(breaker.run(() => provider.generate(request, {}))).resolves.toMatchObject({ costCredits: 80 });
    expect(breaker.state).toEqual({ state: "closed", failures: 0, openedAt: null });
  });

  it("times out a request that never answers", async () => {
    fake.answer("/images", { hang: true });
    await expect(withTimeout((signal) => provider.generate(request, { signal }), 100)).rejects.toMatchObject({
      code: "TIMEOUT",
      retryable: true,
    });
  });

  it("treats malformed JSON as a retryable provider error", async () => {
    fake.answer("/images", { status: 200, body: '{"data": [{"b64_json": "iVBO' });
    await expect(provider.generate(request, {})).rejects.toMatchObject({ code: "PROVIDER_ERROR", retryable: true });
  });

  it("maps an error inside an HTTP 200 body by its code", async () => {
    fake.answer("/chat/completions", {
      status: 200,
      body: {
        id: "gen-2",
        choices: [
          {
            finish_reason: "error",
            error: { code: 502, message: "Upstream crashed" },
            message: { role: "assistant", content: "" },
          },
        ],
      },
    });
    await expect(
      provider.generate({ ...request, model: "google/chatty-image", numImages: 1 }, {}),
    ).rejects.toMatchObject({
      code: "PROVIDER_ERROR",
      retryable: true,
    });
    fake.answer("/images", { status: 200, body: { error: { code: 429, message: "slow down" } } });
    await expect(provider.generate(request, {})).rejects.toMatchObject({ code: "RATE_LIMITED", retryable: true });
  });

  it("reports a moderation 403 without the upstream text", async () => {
    fake.answer(
      "/images",
      openRouterError(403, "Input flagged", {
        reasons: ["violence"],
        flagged_input: "a red...",
        provider_name: "X",
        model_slug: "vendor/painter",
      }),
    );
    const error = await provider.generate(request, {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "MODERATION_REJECTED", retryable: false });
    expect((error as { userMessage: string }).userMessage).not.toMatch(/flagged|violence/i);
  });

  it("maps 402 (our OpenRouter balance) to a non-retryable, user-safe error", async () => {
    fake.answer("/images", openRouterError(402, "Insufficient credits. Add more using https://openrouter.ai/credits"));
    await expect(provider.generate(request, {})).rejects.toMatchObject({
      code: "INSUFFICIENT_CREDITS",
      retryable: false,
      userMessage: expect.stringMatching(/temporarily unavailable/),
    });
  });

  it("maps 401 to a configuration problem", async () => {
    fake.answer("/images", openRouterError(401, "No auth credentials found"));
    await expect(provider.generate(request, {})).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
      userMessage: expect.stringMatching(/misconfigured/),
    });
  });

  it("rejects an answer without images as not retryable", async () => {
    fake.answer("/images", { status: 200, body: { created: 1, data: [], usage: { cost: 0 } } });
    await expect(provider.generate(request, {})).rejects.toMatchObject({ code: "PROVIDER_ERROR", retryable: false });
  });

  it("reports an unreachable server as retryable", async () => {
    await fake.close();
    await expect(provider.generate(request, {})).rejects.toMatchObject({ code: "PROVIDER_ERROR", retryable: true });
    fake = await startFakeOpenRouter();
  });
});

describe("cost conversion", () => {
  it.each([
    [0.04, "0.04"],
    [1.5e-7, "0.00000015"],
    [12, "12"],
    [1e21, "1000000000000000000000"],
  ])("writes %s as %s", (value, text) => expect(plainDecimal(value)).toBe(text));

  it.each([
    [0.04, 40],
    [0.039, 39],
    [0.0391, 40],
    [1.5e-7, 1],
    ["0.0025", 3],
    [0, 0],
  ])("charges %s USD as %i credits", (cost, credits) => expect(costToCredits(cost)).toBe(credits));

  it.each([undefined, null, -1, Number.NaN, "abc"])("ignores %s", (cost) =>
    expect(costToCredits(cost)).toBeUndefined(),
  );
});
