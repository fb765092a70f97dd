import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { api } from '../client/api.js';
import { expectNoAxeViolations } from '../test/axe.js';
import { FakeClient, provideClient } from '../test/fake-client.js';
import { makeImage, PIXEL_URL } from '../test/fixtures.js';
import type { PixorlyImage } from './image.component.js';
import './image.js';

async function mount(client: FakeClient, setup: (el: PixorlyImage) => void): Promise<PixorlyImage> {
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 200px"></div>`);
  provideClient(wrapper, client);
  const el = document.createElement('pixorly-image');
  setup(el);
  wrapper.append(el);
  await el.updateComplete;
  return el;
}

const part = (el: PixorlyImage, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part="${name}"]`);

describe('<pixorly-image>', () => {
  it('shows the ThumbHash placeholder while the URL is on its way, labelled for screen readers', async () => {
    const client = new FakeClient();
    client.holdUrls();
    const el = await mount(client, (e) => (e.image = makeImage()));
    expect(part(el, 'placeholder')!.getAttribute('src')).to.match(/^data:image\/png/);
    expect(part(el, 'base')!.getAttribute('aria-label')).to.contain('lighthouse');
    await expectNoAxeViolations(el);
  });

  it('looks the image up by id, then shows the signed image', async () => {
    const client = new FakeClient();
    client.setResult(api.images.get, { imageId: 'img1' }, makeImage());
    client.urls.set('img1', PIXEL_URL);
    const el = await mount(client, (e) => (e.imageId = 'img1'));
    await waitUntil(() => el.loaded, 'loaded');
    await el.updateComplete;
    expect(part(el, 'placeholder')).to.equal(null);
    expect(part(el, 'image')!.getAttribute('alt')).to.contain('lighthouse');
    await expectNoAxeViolations(el);
  });

  it('falls back to the original when the resized variant fails (an edge without transforms)', async () => {
    const client = new FakeClient();
    client.urls.set('img1', PIXEL_URL);
    client.resizedUrls.set('img1', 'data:image/png;base64,AAAA');
    const el = await mount(client, (e) => (e.image = makeImage()));
    await waitUntil(() => el.loaded, 'loaded from the original');
    expect(part(el, 'image')!.getAttribute('src')).to.equal(PIXEL_URL);
  });

  it('says so when the image cannot load at all, or is not readable', async () => {
    const client = new FakeClient();
    client.urls.set('img1', 'data:image/png;base64,AAAA');
    const el = await mount(client, (e) => (e.image = makeImage()));
    await waitUntil(() => el.shadowRoot!.textContent!.includes('Image could not load'), 'error note');
    const other = await mount(client, (e) => (e.image = makeImage({ _id: 'theirs' })));
    await waitUntil(() => other.shadowRoot!.textContent!.includes('Image not available'), 'missing note');
    await expectNoAxeViolations(other);
  });

  it('an unknown id says "Image not found"', async () => {
    const client = new FakeClient();
    client.setResult(api.images.get, { imageId: 'nope' }, null);
    const el = await mount(client, (e) => (e.imageId = 'nope'));
    await waitUntil(() => part(el, 'base')?.getAttribute('aria-label') === 'Image not found', 'not found');
  });

  it('offers CDN variants through srcset/sizes, lazily, with its size stated so nothing jumps', async () => {
    const client = new FakeClient();
    client.urls.set('img1', PIXEL_URL);
    client.resizedUrls.set('img1', PIXEL_URL);
    const el = await mount(client, (e) => {
      e.image = makeImage({ width: 1024, height: 768 });
      e.sizes = '50vw';
      e.requestWidth = 512;
    });
    await waitUntil(() => (part(el, 'image')?.getAttribute('srcset')?.match(/ \d+w/g) ?? []).length === 3, 'every variant in srcset');
    const img = part(el, 'image')!;
    expect(img.getAttribute('srcset')).to.contain('256w').and.contain('512w').and.contain('1024w');
    expect(img.getAttribute('sizes')).to.equal('50vw');
    expect(img.getAttribute('loading')).to.equal('lazy');
    expect([img.getAttribute('width'), img.getAttribute('height')]).to.deep.equal(['1024', '768']);
    expect(client.urlRequests.map((r) => r.transform)).to.deep.include.members([
      { w: 256, f: 'auto' },
      { w: 512, f: 'auto' },
      { w: 1024, f: 'auto' },
    ]);
  });
});
