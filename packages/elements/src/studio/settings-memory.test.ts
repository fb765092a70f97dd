import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { api, type AccountPreset } from "../client/api.js";
import type { PixorlyClientOptions } from "../client/pixorly-client.js";
import { LAST_USED_PRESET } from "../prompt-box/last-used-preset.js";
import type { PixorlyPromptBox } from "../prompt-box/prompt-box.component.js";
import { FakeClient } from "../test/fake-client.js";
import { makeModel } from "../test/fixtures.js";
import { PixorlyStudio } from "./studio.component.js";
import "./studio.js";

class MemoryStudio extends PixorlyStudio {
  static next: () => FakeClient = () => new FakeClient();
  protected override createClient(_options: PixorlyClientOptions) {
    return MemoryStudio.next();
  }
}
PixorlyStudio.define("memory-studio", MemoryStudio);

const API_URL = "http://127.0.0.1:8787";
const KEY = `pixorly:settings:v1:${API_URL}`;
const CATALOG = [makeModel(), makeModel({ id: "local/mosaic", name: "Mosaic" })];

function client(presets: AccountPreset[] = []): FakeClient {
  const fake = new FakeClient();
  fake.setResult(api.models.list, {}, CATALOG);
  fake.onMutation(api.users.ensure, () => ({ userId: "user1", plan: "free", credits: 5, storageUsed: 0 }));
  fake.setResult(api.jobs.listActive, {}, []);
  fake.setResult(api.jobs.me, {}, { plan: "free", credits: 5, storageUsed: 0 });
  fake.setResult(api.presets.list, {}, presets);
  return fake;
}

async function mount(fake: FakeClient): Promise<MemoryStudio> {
  MemoryStudio.next = () => fake;
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 1000px"></div>`);
  wrapper.innerHTML = `<memory-studio convex-url="http://127.0.0.1:3210" api-url="${API_URL}" token-url="/t"></memory-studio>`;
  const el = wrapper.firstElementChild as MemoryStudio;
  // The prompt box is defined once the workspace chunk has loaded (after the studio's first paint).
  await waitUntil(
    () => el.shadowRoot!.querySelector("pixorly-prompt-box")?.currentSettings?.(),
    "the prompt box has its model",
    { timeout: 5000 },
  );
  return el;
}

const box = (el: MemoryStudio) => el.shadowRoot!.querySelector<PixorlyPromptBox>("pixorly-prompt-box")!;

function changeModel(el: MemoryStudio, id: string): void {
  el.shadowRoot!.querySelector("pixorly-model-picker")!.dispatchEvent(
    new CustomEvent("pixorly-model-change", {
      detail: { value: id, model: CATALOG.find((m) => m.id === id) },
      bubbles: true,
      composed: true,
    }),
  );
}

describe("<pixorly-studio> settings survive a reload", () => {
  beforeEach(() => localStorage.removeItem(KEY));
  afterEach(() => localStorage.removeItem(KEY));

  it("model, size, count and mode come back after a reload (localStorage, per api-url)", async () => {
    const first = await mount(client());
    changeModel(first, "local/mosaic");
    await first.updateComplete;
    box(first).restoreSettings({ parameters: { width: 768, height: 512, numImages: 3 }, mode: "advanced" });
    // What a person's edit does: the box announces the change, the studio keeps it.
    await waitUntil(() => box(first).currentSettings()?.parameters.numImages === 3, "edited");
    box(first).dispatchEvent(
      new CustomEvent("pixorly-settings-change", {
        detail: { ...box(first).currentSettings(), mode: "advanced" },
        bubbles: true,
        composed: true,
      }),
    );
    const kept = JSON.parse(localStorage.getItem(KEY)!);
    expect(kept).to.include({ model: "local/mosaic", mode: "advanced" });
    expect(kept.parameters).to.include({ width: 768, height: 512, numImages: 3 });
    first.remove();

    const second = await mount(client());
    await waitUntil(() => box(second).currentSettings()?.model === "local/mosaic", "the model is back");
    await waitUntil(() => box(second).currentSettings()?.parameters.numImages === 3, "the count is back");
    expect(box(second).currentSettings()!.parameters).to.include({ width: 768, height: 512 });
    expect(box(second).mode).to.equal("advanced");
  });

  it("signed in, the settings are saved to the account (a hidden preset) and a newer account copy wins", async () => {
    const fake = client([
      {
        _id: "p1",
        name: LAST_USED_PRESET,
        model: "local/mosaic",
        parameters: { width: 512, height: 512, numImages: 2 },
        updatedAt: Date.now(),
      },
    ]);
    localStorage.setItem(KEY, JSON.stringify({ model: "local/aurora", parameters: { numImages: 4 }, savedAt: 1 }));
    const el = await mount(fake);
    await waitUntil(() => box(el).currentSettings()?.model === "local/mosaic", "the account's newer settings win");
    await waitUntil(() => box(el).currentSettings()?.parameters.numImages === 2, "with its count");
    changeModel(el, "local/aurora");
    await waitUntil(() => fake.mutations.some((m) => m.name === "presets:save"), "saved to the account", {
      timeout: 4000,
    });
    const saved = fake.mutations.find((m) => m.name === "presets:save")!.args as { name: string; model: string };
    expect(saved).to.include({ name: LAST_USED_PRESET, model: "local/aurora" });
    expect(
      fake.mutations.filter((m) => m.name === "presets:save"),
      "one write per burst of edits",
    ).to.have.length(1);
  });

  it('the hidden preset is not listed under "My presets"', async () => {
    const fake = client([
      { _id: "p1", name: LAST_USED_PRESET, model: "local/aurora", parameters: {}, updatedAt: 1 },
      { _id: "p2", name: "Mine", model: "local/aurora", parameters: {}, updatedAt: 1 },
    ]);
    const el = await mount(fake);
    const presets = (box(el) as unknown as { presetsStore: { presets: AccountPreset[] } }).presetsStore.presets;
    expect(presets.map((p) => p.name)).to.deep.equal(["Mine"]);
  });

  it("a person's edit of the count is kept; typing a prompt is not a settings change", async () => {
    const el = await mount(client());
    const changes: unknown[] = [];
    el.addEventListener("pixorly-settings-change", (e) => changes.push((e as CustomEvent).detail));
    const inner = box(el).shadowRoot!;
    const prompt = inner.querySelector<HTMLTextAreaElement>("#prompt")!;
    prompt.value = "a lighthouse";
    prompt.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
    await box(el).updateComplete;
    expect(changes, "the prompt is not a setting").to.have.length(0);
    const count = inner.querySelector<HTMLSelectElement>("#num-images")!;
    count.value = "3";
    count.dispatchEvent(new Event("change"));
    await waitUntil(() => changes.length === 1, "one settings change");
    expect(JSON.parse(localStorage.getItem(KEY)!).parameters.numImages).to.equal(3);
  });

  it("unreadable stored settings are ignored", async () => {
    localStorage.setItem(KEY, "{not json");
    const el = await mount(client());
    expect(box(el).currentSettings()!.model).to.equal("local/aurora");
  });
});
