/**
 * Scenes for looking at the elements (scripts/screenshots.mjs bundles this): the
 * studio and the job status in each state, driven by the fake client.
 */
import { api } from '../client/api.js';
import type { PixorlyClientOptions } from '../client/pixorly-client.js';
import { PixorlyStudio } from '../studio/studio.component.js';
import '../studio/studio.js';
import '../job-status/job-status.js';
import '../gallery/gallery.js';
import '../lightbox/lightbox.js';
import '../collections/collections.js';
import { FakeClient, provideClient } from './fake-client.js';
import { makeImage, makeJob, makeModel, samplePlaceholder } from './fixtures.js';

const CATALOG = [makeModel(), makeModel({ id: 'local/mosaic', name: 'Mosaic', estimatedMs: 3000 })];

/** A colourful SVG standing in for a generated image. */
function art(hue: number): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},80%,55%)"/><stop offset="1" stop-color="hsl(${(hue + 120) % 360},70%,35%)"/></linearGradient></defs><rect width="512" height="512" fill="url(#g)"/><circle cx="330" cy="190" r="90" fill="hsl(${(hue + 60) % 360},90%,75%)" opacity="0.8"/></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

function scenario(): FakeClient {
  const client = new FakeClient();
  const now = Date.now();
  client.setResult(api.models.list, {}, CATALOG);
  client.onMutation(api.users.ensure, () => ({ userId: 'user1', plan: 'free', credits: 1996, storageUsed: 10 }));
  client.setResult(api.jobs.me, {}, { plan: 'free', credits: 1996, storageUsed: 10 });
  const jobs = [
    makeJob({ _id: 'j-pending', status: 'pending', queuePosition: 2, prompt: 'a red fox in fresh snow, morning light' }),
    makeJob({ _id: 'j-processing', status: 'processing', startedAt: now - 1800, prompt: 'a lighthouse in a storm, oil painting' }),
    makeJob({
      _id: 'j-done',
      status: 'completed',
      startedAt: now - 6000,
      completedAt: now - 3600,
      actualCost: 2,
      parameters: { width: 512, height: 512, seed: 3, numImages: 2 },
      resultImageIds: ['i1', 'i2'],
      prompt: 'isometric tiny city on a floating island',
    }),
    makeJob({ _id: 'j-failed', status: 'failed', error: { code: 'PROVIDER_ERROR', message: 'The image could not be generated. Your credits were refunded.' } }),
  ];
  client.setResult(api.jobs.listActive, {}, jobs.slice(0, 2));
  for (const job of jobs) client.setResult(api.jobs.get, { jobId: job._id }, job);
  client.setResult(api.jobs.get, { jobId: 'nope' }, null);
  const images = Array.from({ length: 9 }, (_, n) => makeImage({ _id: `i${n + 1}`, jobId: 'j-done', placeholder: samplePlaceholder() }));
  for (const image of images) client.setResult(api.images.get, { imageId: image._id }, image);
  images.forEach((image, n) => client.urls.set(image._id, art(n * 40)));
  client.setResult(api.images.list, { paginationOpts: { numItems: 12, cursor: null } }, { page: images, isDone: true, continueCursor: '' });
  const library = Array.from({ length: 400 }, (_, n) =>
    makeImage({
      _id: `L${n}`,
      jobId: 'j-done',
      prompt: `library image ${n}`,
      favorite: n % 5 === 0,
      width: n % 3 === 0 ? 768 : 512,
      placeholder: samplePlaceholder(),
      ...(n === 1 ? { tags: ['sea', 'golden hour', 'long exposure'], width: 1024, height: 1024 } : {}),
    }),
  );
  client.setResult(api.collections.forImage, { imageId: 'L1' }, ['c1']);
  client.setResult(api.prompts.recent, {}, [
    { _id: 'p1', prompt: 'isometric tiny city on a floating island', usedAt: now - 60_000 },
    { _id: 'p2', prompt: 'Isometric tiny city on a floating island ', usedAt: now - 120_000 },
    { _id: 'p3', prompt: 'a lighthouse in a storm, oil painting, dramatic clouds and crashing waves at dusk, in the style of Turner', usedAt: now - 3_600_000 },
    { _id: 'p4', prompt: 'a red fox in fresh snow, morning light', usedAt: now - 86_400_000 },
  ]);
  client.setResult(api.presets.list, {}, [
    { _id: 'ps1', name: 'Square draft', model: 'local/aurora', parameters: { width: 512, height: 512, numImages: 1 }, updatedAt: now },
    { _id: 'ps2', name: 'Poster, 4 images', model: 'local/aurora', negativePrompt: 'text, watermark', parameters: { width: 768, height: 1024, numImages: 4 }, updatedAt: now },
  ]);
  library.forEach((image, n) => client.urls.set(image._id, art(n * 17)));
  library.forEach((image, n) => client.resizedUrls.set(image._id, art(n * 17)));
  library.forEach((image) => client.setResult(api.images.get, { imageId: image._id }, image));
  client.setResult(api.images.list, { sort: 'newest', paginationOpts: { numItems: 60, cursor: null } }, { page: library, isDone: true, continueCursor: '' });
  client.setResult(api.images.tags, {}, ['sea', 'sky']);
  client.setResult(api.collections.list, {}, [
    { _id: 'c1', _creationTime: 0, name: 'Seascapes', isPublic: true, shareId: 'share1', imageCount: 12, updatedAt: now, cover: { imageId: 'L1', width: 512, height: 512, format: 'png' } },
    { _id: 'c2', _creationTime: 0, name: 'Portraits', isPublic: false, shareId: null, imageCount: 3, updatedAt: now, cover: null },
  ]);
  return client;
}

class PreviewStudio extends PixorlyStudio {
  static client: () => FakeClient = scenario;
  protected override createClient(_options: PixorlyClientOptions) {
    return PreviewStudio.client();
  }
}
PixorlyStudio.define('preview-studio', PreviewStudio);

const scene = new URL(location.href).searchParams.get('scene') ?? document.body.dataset.scene ?? 'studio';
const root = document.getElementById('root')!;
const attrs = 'convex-url="http://127.0.0.1:3210" api-url="http://127.0.0.1:8787" token-url="http://127.0.0.1:8787/v1/dev/token"';

if (scene === 'studio' || scene === 'studio-dark') {
  root.innerHTML = `<preview-studio ${attrs} theme="${scene === 'studio-dark' ? 'dark' : 'light'}"></preview-studio>`;
  const studio = root.firstElementChild!;
  setTimeout(() => {
    for (const id of ['j-done', 'j-failed']) {
      studio.dispatchEvent(new CustomEvent('pixorly-job-created', { detail: { jobId: id } }));
    }
  }, 50);
} else if (scene === 'library') {
  root.innerHTML = `<preview-studio ${attrs} view="library" theme="dark"></preview-studio>`;
} else if (scene === 'collections') {
  root.innerHTML = `<preview-studio ${attrs} view="collections"></preview-studio>`;
} else if (scene === 'bad-config') {
  root.innerHTML = `<preview-studio convex-url="localhost:3210" api-url="http://127.0.0.1:8787" models="local/aurora,acme/nope"></preview-studio>`;
} else if (scene === 'auth-expired') {
  PreviewStudio.client = () => {
    const client = scenario();
    client.setState({ authState: 'expired', authMessage: 'Your session has expired. Sign in again to continue.', connection: 'reconnecting' });
    return client;
  };
  root.innerHTML = `<preview-studio ${attrs}></preview-studio>`;
} else if (scene === 'prompt-history') {
  root.innerHTML = `<preview-studio ${attrs} theme="light"></preview-studio>`;
  setTimeout(() => {
    const box = root.querySelector('preview-studio')!.shadowRoot!.querySelector('pixorly-prompt-box')!;
    box.shadowRoot!.querySelector<HTMLElement>('.mode-toggle')?.click();
    setTimeout(() => box.shadowRoot!.querySelector<HTMLElement>('.recent-toggle')?.click(), 100);
  }, 500);
} else if (scene === 'gallery' || scene === 'lightbox' || scene === 'lightbox-edit') {
  const client = scenario();
  provideClient(root, client);
  root.innerHTML = '<pixorly-gallery></pixorly-gallery>';
  if (scene === 'lightbox' || scene === 'lightbox-edit') {
    setTimeout(() => {
      const gallery = root.querySelector('pixorly-gallery')!;
      gallery.shadowRoot!.querySelector<HTMLElement>('[part="tile"][data-index="1"]')?.click();
      if (scene === 'lightbox-edit') {
        setTimeout(() => {
          const lightbox = gallery.shadowRoot!.querySelector('pixorly-lightbox')!.shadowRoot!;
          lightbox.querySelector<HTMLElement>('[part~="collection-button"]')?.click();
          const input = lightbox.querySelector<HTMLInputElement>('#tag-input')!;
          input.value = 'a tag that is far too long to be one tag';
          input.dispatchEvent(new Event('input'));
          setTimeout(() => lightbox.querySelector<HTMLElement>('.add-tag')?.click(), 50);
        }, 200);
      }
    }, 600);
  } else {
    setTimeout(() => {
      const gallery = root.querySelector('pixorly-gallery')!;
      for (const index of [1, 2]) {
        gallery.shadowRoot!.querySelector<HTMLElement>(`[part="tile"][data-index="${index}"]`)?.dispatchEvent(new MouseEvent('click', { ctrlKey: true, bubbles: true }));
      }
    }, 600);
  }
} else if (scene === 'job-status') {
  const client = scenario();
  provideClient(root, client);
  root.innerHTML = ['j-pending', 'j-processing', 'j-done', 'j-failed', 'nope']
    .map((id) => `<pixorly-job-status job-id="${id}"></pixorly-job-status>`)
    .join('');
}
