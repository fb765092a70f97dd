/**
 * The library against the real stack (convex-local on /work/main/convex, s3rver, the edge
 * API; see stack-plugin.mjs): a new image appears in the gallery live, opens in the lightbox
 * and is favorited there; deleting it in the lightbox takes it out of the gallery. One generated
 * image serves both (a generation can wait behind other tests' jobs in the one local queue).
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { api } from '../../src/client/api.js';
import { PixorlyClient } from '../../src/client/pixorly-client.js';
import { tokenFromUrl } from '../../src/client/token.js';
import type { PixorlyGallery } from '../../src/gallery/gallery.component.js';
import '../../src/gallery/gallery.js';
import type { PixorlyLightbox } from '../../src/lightbox/lightbox.component.js';
import { expectNoAxeViolations } from '../../src/test/axe.js';
import { provideClient } from '../../src/test/fake-client.js';

const slow = { timeout: 45_000, interval: 50 };
/** A generation may wait behind other tests' jobs in the one local queue. */
const generation = { timeout: 100_000, interval: 100 };
const shadow = (el: Element | null | undefined, selector: string) => el?.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;

describe('the library against the real stack', function () {
  this.timeout(150_000);
  let client: PixorlyClient;
  /** The image the first test generates; the second deletes it. */
  let image: { _id: string; prompt: string } | undefined;


  before(async function () {
    this.timeout(60_000);
    const response = await fetch('/__stack/info');
    const stack = (await response.json()) as { convexUrl: string; edgeUrl: string };
    client = new PixorlyClient({ convexUrl: stack.convexUrl, apiUrl: stack.edgeUrl, tokenProvider: tokenFromUrl(`${stack.edgeUrl}/v1/dev/token`) });
    await client.mutation(api.users.ensure, {});
  });

  after(async () => {
    await client?.close();
  });

  async function mountGallery(): Promise<PixorlyGallery> {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 1000px"></div>`);
    provideClient(wrapper, client);
    const gallery = document.createElement('pixorly-gallery') as PixorlyGallery;
    wrapper.append(gallery);
    await waitUntil(() => !shadow(gallery, '[part="message"]')?.textContent?.includes('Loading'), 'the first page', slow);
    return gallery;
  }

  it('generate → the image appears at the top live → lightbox → favorite', async () => {
    const gallery = await mountGallery();
    const prompt = `a library test image ${Date.now()}`;
    await client.mutation(api.jobs.create, { prompt, model: 'local/aurora', parameters: { width: 256, height: 256, numImages: 1 } });

    const first = () => shadow(gallery, '[part="tile"][data-index="0"]');
    await waitUntil(() => first()?.getAttribute('aria-label') === prompt, 'the new image leads the gallery, live', generation);
    await expectNoAxeViolations(gallery);

    first()!.click();
    const lightbox = shadow(gallery, 'pixorly-lightbox') as PixorlyLightbox;
    await waitUntil(() => lightbox.open, 'the lightbox opens');
    expect(lightbox.current?.prompt).to.equal(prompt);
    image = { _id: lightbox.current!._id, prompt };
    await waitUntil(() => shadow(lightbox, 'dialog')!.textContent!.includes('Duration'), 'the job details', slow);

    shadow(lightbox, '[part~="favorite-button"]')!.click();
    await waitUntil(() => first()?.querySelector('.badge'), 'the gallery shows the star, live', slow);
    expect(shadow(lightbox, '[part~="favorite-button"]')!.getAttribute('aria-pressed')).to.equal('true');
    lightbox.close();
  });

  it('deleting in the lightbox removes the image from the gallery, live', async () => {
    expect(image, 'the image of the first test').to.exist;
    const gallery = await mountGallery();
    const tile = () => [...gallery.shadowRoot!.querySelectorAll<HTMLElement>('[part="tile"]')].find((el) => el.getAttribute('aria-label') === image!.prompt);
    await waitUntil(tile, 'the image is in the gallery', slow);
    tile()!.click();
    const lightbox = shadow(gallery, 'pixorly-lightbox') as PixorlyLightbox;
    await waitUntil(() => lightbox.open && lightbox.current?._id === image!._id, 'the lightbox shows it');
    shadow(lightbox, '[part~="delete-button"]')!.click();
    await lightbox.updateComplete;
    shadow(lightbox, '.confirm-delete')!.click();
    await waitUntil(() => !lightbox.open || lightbox.current?._id !== image!._id, 'the lightbox moves on', slow);
    await waitUntil(() => !gallery.images.some((shown) => shown._id === image!._id), 'gone from the gallery, live', slow);
  });
});
