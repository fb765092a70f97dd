/** `<pixorly-comparison>` and `<pixorly-comparison-cell>`: three models racing on one prompt, mixed outcomes, nothing yet. */
import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import "../packages/elements/src/comparison/comparison.js";
import type { ComparisonRun } from "../packages/elements/src/comparison/comparison.component.js";
import { CATALOG, jobInState } from "./in-memory/seed.js";
import { storyClient, withClient } from "./support/with-client.js";

const [aurora, mosaic, nebula, gemini] = CATALOG;
const PROMPT = "aurora over a frozen fjord, stars and a crescent moon";

const meta: Meta = { title: "Elements/Comparison", component: "pixorly-comparison" };
export default meta;

type Story = StoryObj;

/** Three jobs created on render; each cell follows its own (queued, rendering, done in a few seconds). */
export const ThreeModelsLive: Story = {
  name: "Three models, live",
  render: () => {
    const client = storyClient({ pendingMs: 800, processingMs: 2_000 });
    const runs: ComparisonRun[] = [aurora!, mosaic!, nebula!].map((model) => ({
      model,
      jobId: client.backend.mutation("jobs:create", {
        prompt: PROMPT,
        model: model.id,
        parameters: { width: 768, height: 512, numImages: 1 },
      }) as string,
    }));
    return withClient(client, html`<pixorly-comparison .runs=${runs}></pixorly-comparison>`);
  },
};

export const Mixed: Story = {
  name: "Done, failed, rendering, queued",
  render: () => {
    const client = storyClient({
      jobs: [
        jobInState("completed", {
          _id: "job_a",
          prompt: PROMPT,
          parameters: { width: 768, height: 512, seed: 3, numImages: 2 },
        }),
        jobInState("failed", { _id: "job_b", model: mosaic!.id, prompt: PROMPT }),
        jobInState("processing", { _id: "job_c", model: nebula!.id, prompt: PROMPT }),
        jobInState("pending", { _id: "job_d", model: gemini!.id, provider: "openrouter", prompt: PROMPT }),
      ],
    });
    const runs: ComparisonRun[] = [
      { model: aurora!, jobId: "job_a" },
      { model: mosaic!, jobId: "job_b" },
      { model: nebula!, jobId: "job_c" },
      { model: gemini!, jobId: "job_d" },
    ];
    return withClient(client, html`<pixorly-comparison .runs=${runs}></pixorly-comparison>`);
  },
};

export const Empty: Story = {
  render: () => withClient(storyClient(), html`<pixorly-comparison></pixorly-comparison>`),
};
export const Loading: Story = {
  render: () =>
    withClient(
      storyClient({}, { mode: "loading" }),
      html`<pixorly-comparison .runs=${[
        { model: aurora!, jobId: "job_x" },
        { model: mosaic!, jobId: "job_y" },
      ]}></pixorly-comparison>`,
    ),
};
export const Dark: Story = { render: Mixed.render, globals: { theme: "dark" } };

/** One cell on its own. */
export const Cell: Story = {
  name: "Cell (completed)",
  parameters: { controls: { disable: true } },
  render: () =>
    withClient(
      storyClient({
        jobs: [
          jobInState("completed", { _id: "job_cell", parameters: { width: 512, height: 512, seed: 9, numImages: 2 } }),
        ],
      }),
      html`<pixorly-comparison-cell .model=${aurora} job-id="job_cell" style="max-width:24rem"></pixorly-comparison-cell>`,
    ),
};
