/**
 * How a story hands an element its client: the real `clientContext`, provided by a wrapper
 * element around the story (as `<pixorly-studio>` provides it to everything inside). Clients
 * made here are closed when the next story renders (see `closeStoryClients`), so a job timer
 * of one story never fires into the next.
 */
import { ContextProvider } from "@lit/context";
import { render, type TemplateResult } from "lit";
import { clientContext } from "../../packages/elements/src/client/client-context.js";
import { InMemoryBackend, type BackendSeed } from "../in-memory/backend.js";
import { InMemoryClient, type InMemoryClientOptions } from "../in-memory/client.js";

const open = new Set<InMemoryClient>();
const cleanups = new Set<() => void>();

/** Runs `cleanup` before the next story renders (a stub a story installed, say). */
export function onStoryCleanup(cleanup: () => void): void {
  cleanups.add(cleanup);
}

/** A client over a fresh backend; closed with the story. */
export function storyClient(seed: BackendSeed = {}, options: InMemoryClientOptions = {}): InMemoryClient {
  return trackClient(new InMemoryClient(new InMemoryBackend(seed), options));
}

/** Closes `client` with the story. */
export function trackClient(client: InMemoryClient): InMemoryClient {
  open.add(client);
  return client;
}

/** Closes every client the previous story made (the preview calls it before each story). */
export async function closeStoryClients(): Promise<void> {
  for (const cleanup of cleanups) cleanup();
  cleanups.clear();
  const closing = [...open].map((client) => client.close());
  open.clear();
  await Promise.all(closing);
}

/** `template` rendered inside an element that provides `client` through `clientContext`. */
export function withClient(client: InMemoryClient, template: TemplateResult): HTMLElement {
  const host = document.createElement("div");
  host.className = "story-client";
  new ContextProvider(host, { context: clientContext, initialValue: client });
  render(template, host);
  return host;
}
