/** Presets saved to the account, and the prompt history jobs.create records. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "./_generated/api";
import { codeOf, errorOf, newBackend, signedIn, type Backend } from "./setup.testing";
import { jobIdOf } from "./jobResult.testing";

let t: Backend;
beforeEach(() => {
  vi.useFakeTimers();
  t = newBackend();
});
afterEach(() => vi.useRealTimers());

const preset = { name: "Square", model: "local/aurora", parameters: { width: 512, height: 512, steps: 20 } };

describe("presets", () => {
  it("save, overwrite by name, list by name and remove", async () => {
    const ada = signedIn(t, "ada");
    const id = await ada.mutation(api.presets.save, { ...preset, prompt: "  a cat\u200B " });
    await ada.mutation(api.presets.save, { ...preset, name: "Another", parameters: {} });
    expect(await ada.mutation(api.presets.save, { ...preset, parameters: { width: 256, height: 256 } })).toBe(id);
    const list = await ada.query(api.presets.list, {});
    expect(list.map((p) => p.name)).toEqual(["Another", "Square"]);
    expect(list[1]).toMatchObject({ _id: id, model: "local/aurora", parameters: { width: 256, height: 256 } });
    expect(list[1]!.prompt).toBeUndefined();
    await ada.mutation(api.presets.remove, { id });
    expect((await ada.query(api.presets.list, {})).map((p) => p.name)).toEqual(["Another"]);
  });

  it("bad input names every wrong field", async () => {
    const error = await errorOf(
      signedIn(t, "ada").mutation(api.presets.save, {
        name: " ",
        model: "not a model",
        prompt: "x".repeat(2001),
        parameters: { width: 10, numImages: 9 },
      }),
    );
    expect(error.code).toBe("INVALID_ARGUMENT");
    expect(error.fields!.map((f) => f.field).sort()).toEqual([
      "model",
      "name",
      "parameters.numImages",
      "parameters.width",
      "prompt",
    ]);
  });

  it("another user's preset is not found", async () => {
    const id = await signedIn(t, "ada").mutation(api.presets.save, preset);
    const bob = signedIn(t, "bob");
    expect(await codeOf(bob.mutation(api.presets.remove, { id }))).toBe("NOT_FOUND");
    expect(await bob.query(api.presets.list, {})).toEqual([]);
    expect(await signedIn(t, "ada").query(api.presets.list, {})).toHaveLength(1);
  });
});

describe("prompts.recent", () => {
  it("lists the caller's distinct prompts, newest first, a repeat moving to the top", async () => {
    const ada = signedIn(t, "ada");
    const create = async (prompt: string) => {
      vi.advanceTimersByTime(1000);
      await ada
        .mutation(api.jobs.create, { prompt, model: "local/aurora", parameters: { width: 256, height: 256 } })
        .then(jobIdOf);
    };
    await create("a red fox");
    await create("a blue whale");
    await create("A  red fox ");
    expect((await ada.query(api.prompts.recent, {})).map((p) => p.prompt)).toEqual(["A  red fox", "a blue whale"]);
    expect(await signedIn(t, "bob").query(api.prompts.recent, {})).toEqual([]);
    const [latest] = await ada.query(api.prompts.recent, {});
    expect(await codeOf(signedIn(t, "bob").mutation(api.prompts.forget, { id: latest!._id }))).toBe("NOT_FOUND");
    await ada.mutation(api.prompts.forget, { id: latest!._id });
    expect((await ada.query(api.prompts.recent, {})).map((p) => p.prompt)).toEqual(["a blue whale"]);
  });
});
