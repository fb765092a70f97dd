/**
 * The views scripts/screenshots.mjs photographs, on the stories' in-memory client (real elements,
 * real painted pictures from @pixorly/local-models, no backend). `?scene=<name>&theme=light|dark`;
 * the page sets `data-ready` on <body> when the scene is in place, or `data-failed` with why.
 */
import type { PixorlyPromptBox } from "../../src/prompt-box/prompt-box.component.js";
import type { PixorlyStudio } from "../../src/studio/studio.component.js";
import { jobInState } from "../../../../stories/in-memory/seed.js";
import { storyStudio } from "../../../../stories/support/story-studio.js";
import { until } from "../../../../stories/support/until.js";

const params = new URL(location.href).searchParams;
const scene = params.get("scene") ?? "studio-empty";
const theme = params.get("theme") ?? "light";
const root = document.getElementById("root")!;

function studio(attributes: Record<string, string>, seed: Parameters<typeof storyStudio>[0] = {}): PixorlyStudio {
  const element = storyStudio({ ...seed, attributes: { theme, ...attributes } });
  root.append(element);
  return element;
}

const shadow = (element: Element | null | undefined) => element?.shadowRoot ?? null;

/** Elements matching `selector` under `node`, through every shadow root. */
function deepAll(node: ParentNode, selector: string): Element[] {
  const found = [...node.querySelectorAll(selector)];
  for (const element of node.querySelectorAll("*"))
    if (element.shadowRoot) found.push(...deepAll(element.shadowRoot, selector));
  return found;
}

async function promptBoxOf(element: PixorlyStudio): Promise<PixorlyPromptBox> {
  return until(() => {
    const box = element.shadowRoot?.querySelector<PixorlyPromptBox>("pixorly-prompt-box");
    // The workspace elements load after the studio's first paint: wait for the real (upgraded) prompt box.
    return box?.model && typeof box.usePrompt === "function" ? box : undefined;
  }, "the prompt box and its model");
}

/** Every `<pixorly-image>` on screen under `node` (through shadow roots) has its picture (lazy ones off screen never load). */
function imagesLoaded(node: ParentNode): boolean {
  for (const image of node.querySelectorAll("pixorly-image")) {
    const box = image.getBoundingClientRect();
    const onScreen = box.width > 0 && box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
    if (onScreen && !image.hasAttribute("loaded")) return false;
  }
  for (const element of node.querySelectorAll("*"))
    if (element.shadowRoot && !imagesLoaded(element.shadowRoot)) return false;
  return true;
}

async function generate(element: PixorlyStudio, prompt: string, model?: string): Promise<void> {
  const box = await promptBoxOf(element);
  if (model) {
    element.dispatchEvent(new CustomEvent("pixorly-model-change", { detail: { value: model } }));
    await until(() => box.model?.id === model, `the model ${model}`);
  }
  box.usePrompt(prompt);
  await box.updateComplete;
  box.submit();
}

async function finished(element: PixorlyStudio, count: number): Promise<void> {
  await until(
    () => {
      const cards = [...(element.shadowRoot?.querySelectorAll("pixorly-job-status") ?? [])];
      return cards.length >= count && cards.every((card) => card.getAttribute("status") === "completed");
    },
    `${count} finished jobs`,
    15_000,
  );
}

const scenes: Record<string, () => Promise<void>> = {
  async "studio-empty"() {
    const element = studio({}, { seed: { images: 0 } });
    await promptBoxOf(element);
    await until(() => shadow(element)?.querySelector('[part="example"]'), "the example prompts");
  },
  async "studio-results"() {
    const element = studio({}, { seed: { images: 6, pendingMs: 50, processingMs: 150 } });
    await generate(element, "aurora over a frozen fjord, stars and a crescent moon");
    await finished(element, 1);
    await generate(element, "low-poly mountains at sunset, warm orange light", "local/mosaic");
    await finished(element, 2);
  },
  async "studio-running"() {
    const element = studio(
      {},
      {
        seed: {
          images: 6,
          jobs: [
            jobInState("processing", {
              _id: "job_rendering",
              model: "local/nebula",
              prompt: "a nebula shaped like a seahorse, deep violet and teal",
            }),
          ],
        },
      },
    );
    await until(() => shadow(element)?.querySelector('pixorly-job-status[status="processing"]'), "the running job");
  },
  async comparison() {
    const element = studio({}, { seed: { images: 6, pendingMs: 50, processingMs: 200 } });
    const box = await promptBoxOf(element);
    shadow(element)!.querySelector<HTMLButtonElement>('[part="compare-toggle"]')!.click();
    element.dispatchEvent(
      new CustomEvent("pixorly-model-change", { detail: { values: ["local/aurora", "local/mosaic", "local/nebula"] } }),
    );
    await until(() => box.compareModels.length === 3, "three models to compare");
    box.usePrompt("aurora over a frozen fjord, stars and a crescent moon");
    await box.updateComplete;
    box.submit();
    const comparison = await until(() => shadow(element)?.querySelector("pixorly-comparison"), "the comparison");
    await until(() => deepAll(comparison.shadowRoot!, "pixorly-image").length === 3, "three results", 15_000);
  },
  /** Not in the default set (`node scripts/screenshots.mjs prompt-advanced`): the advanced settings and a custom size. */
  async "prompt-advanced"() {
    const element = studio({ "default-model": "black-forest-labs/flux-1.1-pro" }, { seed: { images: 6 } });
    const box = await promptBoxOf(element);
    box.applySettings({
      prompt: "a lighthouse in a storm, oil painting",
      negativePrompt: "text, watermark",
      parameters: { width: 1000, height: 600, steps: 30 },
    });
    await box.updateComplete;
    box.submit();
  },
  async library() {
    const element = studio({ view: "library" }, { seed: { images: 30 } });
    await until(
      () => shadow(shadow(element)?.querySelector("pixorly-gallery"))?.querySelector('[part="tile"]'),
      "the gallery",
    );
  },
  async lightbox() {
    const element = studio({ view: "library" }, { seed: { images: 30 } });
    const tile = await until(
      () =>
        shadow(shadow(element)?.querySelector("pixorly-gallery"))?.querySelector<HTMLElement>(
          '[part="tile"][data-index="1"]',
        ),
      "a tile",
    );
    tile.click();
    await until(
      () =>
        shadow(shadow(element)?.querySelector("pixorly-gallery"))?.querySelector("pixorly-lightbox[open]") ??
        shadow(element)?.querySelector("pixorly-lightbox[open]"),
      "the lightbox",
    );
  },
  async collections() {
    const element = studio({ view: "collections" }, { seed: { images: 30 } });
    await until(
      () =>
        shadow(shadow(element)?.querySelector("pixorly-collections"))?.querySelector(
          '[part~="card"], [part~="collection"]',
        ),
      "the collections",
    );
  },
};

const run = scenes[scene];
(run ? run() : Promise.reject(new Error(`Unknown scene ${scene}`)))
  .then(() => until(() => imagesLoaded(document), "every picture", 15_000))
  .then(() => new Promise((resolve) => setTimeout(resolve, 300)))
  .then(() => (document.body.dataset.ready = "1"))
  .catch((error: Error) => (document.body.dataset.failed = error.message));

export const SCENES = Object.keys(scenes);
