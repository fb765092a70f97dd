import { elementUpdated, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { api } from '../client/api.js';
import type { PixorlyClientOptions } from '../client/pixorly-client.js';
import { expectNoAxeViolations } from '../test/axe.js';
import { FakeClient } from '../test/fake-client.js';
import { makeImage, makeJob, makeModel, PIXEL_URL } from '../test/fixtures.js';
import { PixorlyStudio } from './studio.component.js';
import './studio.js';

/** The real studio with its client swapped for a fake (test code only). */
class TestStudio extends PixorlyStudio {
  static next: () => FakeClient = () => new FakeClient();
  readonly created: { client: FakeClient; options: PixorlyClientOptions }[] = [];
  protected override createClient(options: PixorlyClientOptions) {
    const client = TestStudio.next();
    this.created.push({ client, options });
    return client;
  }
}
PixorlyStudio.define('test-studio', TestStudio);

const URLS = 'convex-url="http://127.0.0.1:3210" api-url="http://127.0.0.1:8787"';
const CATALOG = [makeModel(), makeModel({ id: 'local/mosaic', name: 'Mosaic' })];

function readyClient(): FakeClient {
  const client = new FakeClient();
  client.setResult(api.models.list, {}, CATALOG);
  client.onMutation(api.users.ensure, () => ({ userId: 'user1', plan: 'free', credits: 1999, storageUsed: 0 }));
  client.setResult(api.jobs.listActive, {}, []);
  client.setResult(api.jobs.me, {}, { plan: 'free', credits: 1999, storageUsed: 0 });
  client.setResult(api.images.list, { paginationOpts: { numItems: 12, cursor: null } }, { page: [], isDone: true, continueCursor: '' });
  return client;
}

async function studio(attributes: string, client = readyClient()): Promise<{ el: TestStudio; client: FakeClient }> {
  TestStudio.next = () => client;
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 1000px"></div>`);
  wrapper.innerHTML = `<test-studio ${attributes}></test-studio>`;
  const el = wrapper.firstElementChild as TestStudio;
  await el.updateComplete;
  return { el, client };
}

const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const notice = (el: Element) => $(el, '[part="notice"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('<pixorly-studio> configuration errors', () => {
  it('a malformed convex-url is explained, never a blank element', async () => {
    const { el } = await studio('convex-url="not a url" api-url="http://127.0.0.1:8787" token-url="/token"');
    expect(notice(el)).to.contain('The convex-url attribute "not a url" is not a valid http(s) URL.');
    expect(el.created).to.have.length(0);
    await expectNoAxeViolations(el);
  });

  it('a malformed api-url and a missing convex-url are both listed', async () => {
    const { el } = await studio('api-url="ftp://nope" token-url="/token"');
    expect(notice(el)).to.contain('The convex-url attribute is missing');
    expect(notice(el)).to.contain('The api-url attribute "ftp://nope" is not a valid http(s) URL.');
  });

  it('no token-url and no tokenProvider says how to configure sign-in, and emits pixorly-error', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    const heard = oneEvent(wrapper, 'pixorly-error');
    wrapper.innerHTML = `<test-studio ${URLS}></test-studio>`;
    const event = (await heard) as CustomEvent<{ code: string; message: string }>;
    expect(event.detail.message).to.contain('Set the token-url attribute or the tokenProvider property');
    expect(notice(wrapper.firstElementChild!)).to.contain('Sign-in is not configured');
  });

  it('a tokenProvider set as a property is enough, and fixing the attributes starts the studio', async () => {
    const { el } = await studio('convex-url="bad" api-url="http://127.0.0.1:8787"');
    el.tokenProvider = async () => 'token';
    el.convexUrl = 'http://127.0.0.1:3210';
    await el.updateComplete;
    expect(notice(el)).to.equal('');
    expect(el.created).to.have.length(1);
    expect(await el.created[0]!.options.tokenProvider()).to.equal('token');
  });

  it('an unknown model in models or default-model is named, with what is available', async () => {
    const { el } = await studio(`${URLS} token-url="/token" models="local/aurora, acme/nope" default-model="local/mosaic"`);
    await waitUntil(() => notice(el) !== '', 'notice');
    expect(notice(el)).to.contain('Unknown model in the models attribute: acme/nope. Available: local/aurora, local/mosaic.');
    expect(notice(el)).to.contain('The default-model "local/mosaic" is not in the models attribute.');
    await expectNoAxeViolations(el);
  });

  it('an unknown default-model alone is reported', async () => {
    const { el } = await studio(`${URLS} token-url="/token" default-model="local/ghost"`);
    await waitUntil(() => notice(el) !== '', 'notice');
    expect(notice(el)).to.contain('The default-model "local/ghost" is not a known model.');
  });
});

describe('<pixorly-studio> running', () => {
  it('resolves a relative token-url against the page and provisions the user once signed in', async () => {
    const { el, client } = await studio(`${URLS} token-url="/api/token"`);
    expect(el.created).to.have.length(1);
    await waitUntil(() => client.mutations.some((m) => m.name === 'users:ensure'), 'users:ensure');
    await waitUntil(() => $(el, '[part="credits"]'), 'credits');
    expect($(el, '[part="credits"]')!.textContent).to.equal('1,999 credits');
    await expectNoAxeViolations(el);
  });

  it('shows the connection state as it changes', async () => {
    const { el, client } = await studio(`${URLS} token-url="/t"`);
    const label = () => $(el, '[part="connection"]')!.textContent!.trim();
    expect(label()).to.equal('Connected');
    for (const [state, text] of [
      ['reconnecting', 'Reconnecting…'],
      ['offline', 'Offline'],
      ['connecting', 'Connecting…'],
    ] as const) {
      client.setState({ connection: state });
      await elementUpdated(el);
      expect(label()).to.equal(text);
    }
  });

  it('an expired session shows the auth message, emits pixorly-auth-expired once, and can try again', async () => {
    const { el, client } = await studio(`${URLS} token-url="/t"`);
    const expired = oneEvent(el, 'pixorly-auth-expired');
    client.setState({ authState: 'expired', authMessage: 'Your session has expired. Reload the page to sign in again.' });
    expect(((await expired) as CustomEvent).detail.state).to.equal('expired');
    await elementUpdated(el);
    expect(notice(el)).to.contain('Your session has expired.');
    await expectNoAxeViolations(el);
    TestStudio.next = () => readyClient();
    $(el, '[part="notice"] button')!.click();
    await elementUpdated(el);
    expect(el.created).to.have.length(2);
    expect(notice(el)).to.equal('');
  });

  it('a token provider that throws is shown in words', async () => {
    const { el, client } = await studio(`${URLS} token-url="/t"`);
    client.setState({ authState: 'failed', authMessage: 'Could not sign in. The token provider failed: boom' });
    await elementUpdated(el);
    expect(notice(el)).to.contain('The token provider failed: boom');
  });

  it('adds a status card for each created job, and for jobs already running', async () => {
    const client = readyClient();
    client.setResult(api.jobs.listActive, {}, [makeJob({ _id: 'running', status: 'processing', startedAt: Date.now() })]);
    client.setResult(api.jobs.get, { jobId: 'running' }, makeJob({ _id: 'running', status: 'processing', startedAt: Date.now() }));
    client.setResult(api.jobs.get, { jobId: 'new1' }, makeJob({ _id: 'new1', status: 'pending', queuePosition: 1 }));
    const { el } = await studio(`${URLS} token-url="/t"`, client);
    await waitUntil(() => el.shadowRoot!.querySelectorAll('pixorly-job-status').length === 1, 'running job');
    el.dispatchEvent(new CustomEvent('pixorly-job-created', { detail: { jobId: 'new1' }, bubbles: true, composed: true }));
    await elementUpdated(el);
    const ids = [...el.shadowRoot!.querySelectorAll('pixorly-job-status')].map((s) => s.jobId);
    expect(ids).to.deep.equal(['new1', 'running']);
  });

  it('recent images: choosing one emits pixorly-image-selected out of the studio', async () => {
    const client = readyClient();
    client.setResult(api.images.list, { paginationOpts: { numItems: 12, cursor: null } }, {
      page: [makeImage({ _id: 'imgA', jobId: 'jobA' }), makeImage({ _id: 'imgB', jobId: 'jobB' })],
      isDone: true,
      continueCursor: '',
    });
    client.urls.set('imgA', PIXEL_URL);
    const { el } = await studio(`${URLS} token-url="/t"`, client);
    const strip = $(el, 'pixorly-recent-results')!;
    await waitUntil(() => strip.shadowRoot!.querySelectorAll('button').length === 2, 'thumbnails');
    const selected = oneEvent(document.body, 'pixorly-image-selected');
    strip.shadowRoot!.querySelector('button')!.click();
    const event = (await selected) as CustomEvent<{ imageId: string; jobId: string; model: string }>;
    expect(event.detail).to.include({ imageId: 'imgA', jobId: 'jobA', model: 'local/aurora' });
    await elementUpdated(strip);
    expect(strip.shadowRoot!.querySelector('button')!.getAttribute('aria-pressed')).to.equal('true');
    await expectNoAxeViolations(el);
  });

  it('theme: reflected, dark palette on request, overridable by the page', async () => {
    const { el } = await studio(`${URLS} token-url="/t" theme="dark"`);
    expect(getComputedStyle(el).getPropertyValue('--pixorly-color-bg').trim()).to.equal('#111318');
    await expectNoAxeViolations(el);
    el.theme = 'light';
    await elementUpdated(el);
    expect(el.getAttribute('theme')).to.equal('light');
    expect(getComputedStyle(el).getPropertyValue('--pixorly-color-bg').trim()).to.equal('#f7f8fa');
    el.style.setProperty('--pixorly-color-accent', 'rebeccapurple');
    expect(getComputedStyle(el).getPropertyValue('--pixorly-color-accent').trim()).to.equal('rebeccapurple');
  });

  it('closes its client when removed and opens a new one when put back', async () => {
    const { el } = await studio(`${URLS} token-url="/t"`);
    const parent = el.parentElement!;
    el.remove();
    parent.append(el);
    await el.updateComplete;
    expect(el.created).to.have.length(2);
  });
});
