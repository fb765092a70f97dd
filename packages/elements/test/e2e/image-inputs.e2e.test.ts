/**
 * Images as input (issue 16) against the real stack (convex-local on /work/main/convex, s3rver, the
 * edge API; see stack-plugin.mjs): the client's upload to `POST /v1/inputs` (accepted, refused with the
 * edge API's own message, a mask), and the lightbox's Variations and Edit area creating real jobs whose
 * results carry their lineage, shown as "Made from".
 */
import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { sendKeys } from "@web/test-runner-commands";
import type { FunctionArgs, FunctionReference } from "convex/server";
import { api, type ImageDoc } from "../../src/client/api.js";
import { InputUploadError } from "../../src/client/input-uploads.js";
import { PixorlyClient } from "../../src/client/pixorly-client.js";
import { tokenFromUrl } from "../../src/client/token.js";
import type { PixorlyLightbox } from "../../src/lightbox/lightbox.component.js";
import "../../src/lightbox/lightbox.js";
import type { PixorlyMaskEditor } from "../../src/mask-editor/mask-editor.component.js";
import { provideClient } from "../../src/test/fake-client.js";
import { firstResult } from "./first-result.js";

const slow = { timeout: 45_000, interval: 50 };
/** A generation may wait behind other tests' jobs in the one local queue. */
const generation = { timeout: 100_000, interval: 100 };
const shadow = (el: Element | null | undefined, selector: string) =>
  el?.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;

async function png(width: number, height: number): Promise<Blob> {
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext("2d")!;
  ctx.fillStyle = "#3366cc";
  ctx.fillRect(0, 0, width, height);
  return new Promise((resolve) => canvas.toBlob((blob) => resolve(blob!), "image/png"));
}

describe("image inputs against the real stack", function () {
  this.timeout(200_000);
  let client: PixorlyClient;

  before(async function () {
    this.timeout(60_000);
    await fetch("/__stack/release-queue");
    const stack = (await (await fetch("/__stack/info")).json()) as { convexUrl: string; edgeUrl: string };
    client = new PixorlyClient({
      convexUrl: stack.convexUrl,
      apiUrl: stack.edgeUrl,
      // A user of its own: the library test expects its new image to lead its user's gallery.
      tokenProvider: tokenFromUrl(`${stack.edgeUrl}/v1/dev/token`, (url, init) =>
        fetch(url, { ...init, body: JSON.stringify({ userId: "image-inputs-e2e" }) }),
      ),
    });
    await client.mutation(api.users.ensure, {});
  });

  after(async () => {
    await client?.close();
  });

  /** A query's current result (a subscription closed after its first answer). */
  const once = <Q extends FunctionReference<"query">>(query: Q, args: FunctionArgs<Q>) =>
    firstResult(client, query, args);

  /** The images of a job, once it completed. */
  async function resultsOf(jobId: string): Promise<ImageDoc[]> {
    let ids: string[] = [];
    await waitUntil(
      async () => {
        const job = await once(api.jobs.get, { jobId });
        if (job?.status === "failed") throw new Error(`job ${jobId} failed: ${job.error?.message}`);
        ids = job?.status === "completed" ? job.resultImageIds : [];
        return ids.length > 0;
      },
      `job ${jobId} completes`,
      generation,
    );
    return Promise.all(ids.map(async (imageId) => (await once(api.images.get, { imageId }))!));
  }

  it("uploads an image and a mask through the client; a file that lies about its type is refused with the edge API's message", async () => {
    const progress: number[] = [];
    const image = await client.uploadInput(await png(40, 30), { onProgress: (share) => progress.push(share) });
    expect(image).to.include({ kind: "image", width: 40, height: 30, format: "png" });
    expect(image.inputId).to.be.a("string");
    expect(progress.at(-1)).to.equal(1);

    const mask = await client.uploadInput(await png(40, 30), { kind: "mask" });
    expect(mask).to.include({ kind: "mask", width: 40, height: 30, format: "png" });

    const lie = new Blob(["this is not a picture"], { type: "image/png" });
    const refused = await client.uploadInput(lie).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).to.be.instanceOf(InputUploadError);
    expect((refused as InputUploadError).code).to.equal("INPUT_UNSUPPORTED_TYPE");
    expect((refused as InputUploadError).message).to.match(/PNG, JPEG or WebP/);

    const inputs = await once(api.inputs.list, {});
    expect(inputs.map((input) => input.inputId)).to.include.members([image.inputId, mask.inputId]);
    await client.mutation(api.inputs.remove, { inputId: image.inputId });
    await client.mutation(api.inputs.remove, { inputId: mask.inputId });
  });

  it("lightbox: Variations and Edit area make real jobs; the result shows where it was made from", async () => {
    const jobId = await client.mutation(api.jobs.create, {
      prompt: `an image-input test ${Date.now()}`,
      model: "local/aurora",
      parameters: { width: 128, height: 128, numImages: 1 },
    });
    const [source] = await resultsOf(jobId as string);

    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    provideClient(wrapper, client);
    const lightbox = document.createElement("pixorly-lightbox") as PixorlyLightbox;
    wrapper.append(lightbox);
    await lightbox.updateComplete;
    lightbox.show([source!], 0);
    const created: string[] = [];
    lightbox.addEventListener("pixorly-job-created", (event) => created.push(event.detail.jobId));

    const button = (selector: string) => shadow(lightbox, selector) as HTMLButtonElement | null;
    await waitUntil(() => button(".variations") && !button(".variations")!.disabled, "the catalog arrives", slow);
    expect(button(".remove-background")!.disabled, "no offline background removal").to.equal(true);
    button(".variations")!.click();
    await waitUntil(() => created.length === 1, "the variations job is created", slow);
    const [variation] = await resultsOf(created[0]!);
    expect(variation!.lineage).to.deep.include({ operation: "variations", sourceImageId: source!._id });

    // Edit area: paint with the keyboard, use the mask: it is uploaded (kind=mask) and the inpainting job made.
    button(".edit-area")!.click();
    const editor = () => shadow(lightbox, "pixorly-mask-editor") as PixorlyMaskEditor | null;
    await waitUntil(() => editor()?.size.width, "the mask editor opens", slow);
    expect(editor()!.size).to.deep.equal({ width: 128, height: 128 });
    await waitUntil(() => shadow(editor(), ".content")!.getBoundingClientRect().width > 0, "laid out");
    shadow(editor(), ".stage")!.focus();
    await sendKeys({ down: " " });
    await sendKeys({ press: "ArrowRight" });
    await sendKeys({ up: " " });
    shadow(editor(), ".apply")!.click();
    await waitUntil(() => created.length === 2, "the inpainting job is created", slow);
    const [inpainted] = await resultsOf(created[1]!);
    expect(inpainted!.lineage?.operation).to.equal("inpaint");
    expect(inpainted!.lineage?.sourceImageId).to.equal(source!._id);
    expect(inpainted!.lineage?.maskInputId).to.be.a("string");

    // The result in the lightbox: "Made from" links back to the source.
    lightbox.show([inpainted!], 0);
    await waitUntil(() => shadow(lightbox, ".lineage-link"), "the lineage shows", slow);
    expect(shadow(lightbox, ".lineage")!.textContent!.replace(/\s+/g, " ")).to.contain("Area repainted");
    shadow(lightbox, ".lineage-link")!.click();
    await waitUntil(() => lightbox.current?._id === source!._id, "the source opens", slow);
    lightbox.close();
  });
});
