/**
 * `<pixorly-studio>` on the in-memory client: the real element and tag, with its documented
 * hook for tests and special hosts (`createClient`) answered by the story instead of by a
 * Convex connection. The studio closes its client when it leaves the page and asks for a new
 * one when it comes back, so each call gets a fresh client over the same backend.
 */
import "../../packages/elements/src/studio/studio.js";
import type { PixorlyStudio } from "../../packages/elements/src/studio/studio.component.js";
import type { BackendSeed } from "../in-memory/backend.js";
import { InMemoryBackend } from "../in-memory/backend.js";
import { InMemoryClient, type InMemoryClientOptions } from "../in-memory/client.js";
import { trackClient } from "./with-client.js";

/** The addresses a studio needs to start (never contacted: the client is in memory). */
export const STUDIO_URLS = {
  "convex-url": "http://127.0.0.1:3210",
  "api-url": "http://127.0.0.1:8787",
  "token-url": "http://127.0.0.1:8787/v1/dev/token",
} as const;

export interface StoryStudioOptions {
  seed?: BackendSeed;
  client?: InMemoryClientOptions;
  /** Attributes of the studio (theme, view, models, …); the URLs above unless given. */
  attributes?: Record<string, string>;
}

export function storyStudio({ seed = {}, client = {}, attributes = {} }: StoryStudioOptions = {}): PixorlyStudio {
  const studio = document.createElement("pixorly-studio");
  for (const [name, value] of Object.entries({ ...STUDIO_URLS, ...attributes })) studio.setAttribute(name, value);
  const backend = new InMemoryBackend(seed);
  (studio as unknown as { createClient: () => InMemoryClient }).createClient = () =>
    trackClient(new InMemoryClient(backend, client));
  return studio;
}
