import { describe, expect, it } from "vitest";
import { comparisonIssues, comparisonJobRequest, comparisonRequestSchema } from "./comparison";

const request = { prompt: "a fox", parameters: { width: 512, height: 512 } };

describe("comparisonRequestSchema", () => {
  it("takes 2–4 distinct models and the generation fields, but no single model", () => {
    expect(comparisonRequestSchema.safeParse({ ...request, models: ["local/aurora", "local/mosaic"] }).success).toBe(
      true,
    );
    expect(
      comparisonRequestSchema.safeParse({ ...request, model: "local/aurora", models: ["local/aurora", "local/mosaic"] })
        .success,
    ).toBe(false);
  });

  it.each([
    [[], "Compare at least 2 models"],
    [["local/aurora"], "Compare at least 2 models"],
    [["a/b", "c/d", "e/f", "g/h", "i/j"], "Compare at most 4 models"],
    [["local/aurora", "local/aurora"], "Each model may be compared once"],
  ])("names models for %j", (models, message) => {
    expect(comparisonIssues({ models })).toEqual([{ field: "models", message }]);
  });

  it("leaves room in the key for each job's suffix", () => {
    expect(comparisonIssues({ models: ["a/b", "c/d"], idempotencyKey: "k".repeat(126) })).toEqual([]);
    expect(comparisonIssues({ models: ["a/b", "c/d"], idempotencyKey: "k".repeat(127) })).toEqual([
      { field: "idempotencyKey", message: "Idempotency key must be at most 126 characters" },
    ]);
  });
});

describe("comparisonJobRequest", () => {
  it("is the shared request for one model, with the key made per job", () => {
    const input = { operation: "img2img" as const, imageId: "i1" };
    expect(
      comparisonJobRequest({ ...request, input, models: ["local/aurora", "local/mosaic"], idempotencyKey: "k" }, 1),
    ).toEqual({ ...request, input, model: "local/mosaic", idempotencyKey: "k-1" });
    expect(comparisonJobRequest({ ...request, models: ["local/aurora", "local/mosaic"] }, 0)).toEqual({
      ...request,
      model: "local/aurora",
    });
  });
});
