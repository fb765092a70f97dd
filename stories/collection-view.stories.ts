/** `<pixorly-collection-view>`: a public share page, read over Convex's HTTP API without sign-in. */
import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import "../packages/elements/src/collections/collections.js";
import { InMemoryBackend } from "./in-memory/backend.js";
import { IN_MEMORY_CONVEX_URL, servePublicQueries, type PublicHttpMode } from "./in-memory/public-http.js";
import { PUBLIC_LIBRARY_SIZE } from "./in-memory/seed.js";
import { onStoryCleanup } from "./support/with-client.js";

type ViewArgs = { "share-id": string };

/** The story's own origin serves the CDN path (see .storybook/in-memory-cdn.ts). */
const API_URL = new URL("in-memory-cdn", document.baseURI).href.replace(/\/$/, "");

function view(args: ViewArgs, mode: PublicHttpMode = "live") {
  const backend = new InMemoryBackend({ images: PUBLIC_LIBRARY_SIZE });
  onStoryCleanup(servePublicQueries(backend, mode));
  onStoryCleanup(() => backend.close());
  return html`<pixorly-collection-view share-id=${args["share-id"]} convex-url=${IN_MEMORY_CONVEX_URL} api-url=${API_URL}></pixorly-collection-view>`;
}

const meta: Meta<ViewArgs> = {
  title: "Library/Collection view (share page)",
  component: "pixorly-collection-view",
  args: { "share-id": "share_seascapes" },
  render: (args) => view(args),
};
export default meta;

type Story = StoryObj<ViewArgs>;

export const Shared: Story = {};
export const NotShared: Story = { name: "Not shared (or no longer)", args: { "share-id": "share_unknown" } };
export const Loading: Story = { render: (args) => view(args, "loading") };
export const Failing: Story = { name: "Error", render: (args) => view(args, "error") };
export const Dark: Story = { globals: { theme: "dark" } };
