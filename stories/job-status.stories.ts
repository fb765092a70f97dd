/** `<pixorly-job-status>`: one job in each state, and one that moves through them live. */
import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import "../packages/elements/src/job-status/job-status.js";
import { jobInState, LONG_PROMPT } from "./in-memory/seed.js";
import type { Job } from "../packages/elements/src/client/api.js";
import { storyClient, withClient } from "./support/with-client.js";

/** A job status over a backend holding `job` (or none, for a job that does not exist). */
function jobStory(job: Job | undefined, options: Parameters<typeof storyClient>[1] = {}) {
  const client = storyClient({ jobs: job ? [job] : [] }, options);
  return withClient(client, html`<pixorly-job-status job-id=${job?._id ?? "job_missing"}></pixorly-job-status>`);
}

const meta: Meta = {
  title: "Elements/Job status",
  component: "pixorly-job-status",
};
export default meta;

type Story = StoryObj;

export const Queued: Story = { render: () => jobStory(jobInState("pending")) };
export const Processing: Story = { render: () => jobStory(jobInState("processing")) };
export const Completed: Story = { render: () => jobStory(jobInState("completed")) };
export const ManyImages: Story = {
  name: "Completed, four images",
  render: () =>
    jobStory(
      jobInState("completed", {
        parameters: { width: 1024, height: 768, seed: 11, numImages: 4 },
        prompt: "low-poly mountains at sunset, warm orange light",
        model: "local/mosaic",
      }),
    ),
};
export const Failed: Story = { render: () => jobStory(jobInState("failed")) };
export const Cancelled: Story = { render: () => jobStory(jobInState("cancelled")) };
export const LongPrompt: Story = { render: () => jobStory(jobInState("processing", { prompt: LONG_PROMPT })) };
export const NotFound: Story = { render: () => jobStory(undefined) };
export const Loading: Story = { render: () => jobStory(jobInState("pending"), { mode: "loading" }) };
export const QueryError: Story = { name: "Error", render: () => jobStory(jobInState("pending"), { mode: "error" }) };

/** Created on render: queued, then processing, then completed with two images (about 4 s). */
export const Live: Story = {
  render: () => {
    const client = storyClient({ pendingMs: 1_200, processingMs: 2_500 });
    const jobId = client.backend.mutation("jobs:create", {
      prompt: "aurora over a frozen fjord, stars and a crescent moon",
      model: "local/aurora",
      parameters: { width: 768, height: 512, numImages: 2 },
    }) as string;
    return withClient(client, html`<pixorly-job-status job-id=${jobId}></pixorly-job-status>`);
  },
};

export const Dark: Story = { render: () => jobStory(jobInState("completed")), globals: { theme: "dark" } };
