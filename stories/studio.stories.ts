/**
 * `<pixorly-studio>`, the one tag partners embed, in every state it can be in: working, new
 * user, still loading, failing, offline, signed out, misconfigured; comparing models; with a
 * library of thousands; light and dark. All on the in-memory client.
 */
import type { Meta, StoryObj } from "@storybook/web-components-vite";
import type { PixorlyPromptBox } from "../packages/elements/src/prompt-box/prompt-box.component.js";
import type { PixorlyStudio } from "../packages/elements/src/studio/studio.component.js";
import { jobInState, LONG_PROMPT } from "./in-memory/seed.js";
import { storyStudio, type StoryStudioOptions } from "./support/story-studio.js";
import { until } from "./support/until.js";

/** The studio's attributes as controls (the rest of its API is in the manifest's table). */
type StudioArgs = {
  theme: "light" | "dark" | "auto";
  view: "create" | "library" | "collections";
  models: string;
  "default-model": string;
};

/** A session in progress: one job queued, one rendering, one done and one failed, over a library of 120 images. */
const WORKING: StoryStudioOptions["seed"] = {
  images: 120,
  jobs: [
    jobInState("pending", { _id: "job_queued", prompt: "a red fox in fresh snow, morning light", queuePosition: 2 }),
    jobInState("processing", {
      _id: "job_rendering",
      model: "local/nebula",
      prompt: "a nebula shaped like a seahorse, deep violet and teal",
    }),
    jobInState("completed", {
      _id: "job_done",
      model: "local/mosaic",
      prompt: "low-poly mountains at sunset, warm orange light",
      parameters: { width: 1024, height: 768, seed: 5, numImages: 2 },
    }),
    jobInState("failed", { _id: "job_failed", prompt: "glacier cave glowing turquoise, fail" }),
  ],
};

function render(args: StudioArgs, options: StoryStudioOptions = {}) {
  const attributes = Object.fromEntries(Object.entries(args).filter(([, value]) => value !== ""));
  return storyStudio({ ...options, attributes: { ...attributes, ...options.attributes } });
}

function studioOf(canvasElement: HTMLElement): PixorlyStudio {
  return canvasElement.querySelector("pixorly-studio")!;
}

async function promptBoxOf(studio: PixorlyStudio): Promise<PixorlyPromptBox> {
  return until(() => {
    const box = studio.shadowRoot?.querySelector<PixorlyPromptBox>("pixorly-prompt-box");
    return box?.model ? box : undefined;
  }, "the prompt box and its model");
}

const meta: Meta<StudioArgs> = {
  title: "Studio",
  component: "pixorly-studio",
  args: { theme: "light", view: "create", models: "", "default-model": "" },
  argTypes: {
    theme: { control: "inline-radio", options: ["light", "dark", "auto"] },
    view: { control: "inline-radio", options: ["create", "library", "collections"] },
  },
  parameters: { surface: false },
};
export default meta;

type Story = StoryObj<StudioArgs>;

/** The session's finished jobs are shown as the studio shows jobs made in it. */
export const Working: Story = {
  render: (args) => render(args, { seed: WORKING }),
  play: async ({ canvasElement }) => {
    const studio = studioOf(canvasElement);
    await until(() => studio.client, "the client");
    for (const jobId of ["job_done", "job_failed"])
      studio.dispatchEvent(
        new CustomEvent("pixorly-job-created", { detail: { jobId }, bubbles: true, composed: true }),
      );
  },
};

export const NewUser: Story = { name: "Empty (new user)", render: (args) => render(args, { seed: { images: 0 } }) };
export const Loading: Story = { render: (args) => render(args, { client: { mode: "loading" } }) };
export const Failing: Story = {
  name: "Error",
  render: (args) => render(args, { seed: WORKING, client: { mode: "error" } }),
};
export const Offline: Story = { render: (args) => render(args, { seed: WORKING, client: { mode: "offline" } }) };
export const Reconnecting: Story = {
  name: "Reconnecting (link lost)",
  render: (args) => render(args, { seed: WORKING, client: { mode: "reconnecting" } }),
};
export const SessionExpired: Story = { render: (args) => render(args, { seed: WORKING, client: { mode: "expired" } }) };
export const BadConfiguration: Story = {
  name: "Misconfigured",
  args: { models: "local/aurora,acme/no-such-model" },
  render: (args) => render(args, { attributes: { "convex-url": "localhost:3210" } }),
};
export const Dark: Story = { args: { theme: "dark" }, render: Working.render, play: Working.play };

/** "Use these settings" with a prompt of many lines: the box grows, the cost stays in view. */
export const LongPrompt: Story = {
  render: (args) => render(args, { seed: { images: 12 } }),
  play: async ({ canvasElement }) => {
    const box = await promptBoxOf(studioOf(canvasElement));
    box.applySettings({ prompt: LONG_PROMPT, parameters: { width: 1024, height: 768, numImages: 2 } });
  },
};

/** One prompt on three models, submitted through the studio: the cells fill in as the jobs finish. */
export const Comparison: Story = {
  render: (args) => render(args, { seed: { images: 24, pendingMs: 600, processingMs: 1_500 } }),
  play: async ({ canvasElement }) => {
    const studio = studioOf(canvasElement);
    const box = await promptBoxOf(studio);
    studio.shadowRoot!.querySelector<HTMLButtonElement>('[part="compare-toggle"]')!.click();
    studio.dispatchEvent(
      new CustomEvent("pixorly-model-change", { detail: { values: ["local/aurora", "local/mosaic", "local/nebula"] } }),
    );
    await until(() => box.compareModels.length === 3, "three models to compare");
    box.applySettings({
      prompt: "aurora over a frozen fjord, stars and a crescent moon",
      parameters: { width: 768, height: 512, numImages: 1 },
    });
    await box.updateComplete;
    box.submit();
    const comparison = await until(() => studio.shadowRoot!.querySelector("pixorly-comparison"), "the comparison");
    comparison.scrollIntoView({ block: "center" });
  },
};

export const LibraryOfThousands: Story = {
  name: "Library (5,000 images)",
  args: { view: "library" },
  render: (args) => render(args, { seed: { images: 5_000 } }),
};
export const LibraryDark: Story = {
  name: "Library, dark",
  args: { view: "library", theme: "dark" },
  render: (args) => render(args, { seed: { images: 300 } }),
};
export const EmptyLibrary: Story = {
  args: { view: "library" },
  render: (args) => render(args, { seed: { images: 0 } }),
};
export const Collections: Story = {
  args: { view: "collections" },
  render: (args) => render(args, { seed: { images: 200 } }),
};
export const ModelsAllowList: Story = {
  name: "Two models only",
  args: { models: "local/aurora,google/gemini-2.5-flash-image", "default-model": "google/gemini-2.5-flash-image" },
  render: (args) => render(args, { seed: { images: 8 } }),
};
/** The narrowest layout the studio supports (360 px, a small phone). */
export const Phone: Story = {
  render: (args) => {
    const studio = render(args, { seed: WORKING });
    studio.style.cssText = "display:block;max-width:360px";
    return studio;
  },
};
