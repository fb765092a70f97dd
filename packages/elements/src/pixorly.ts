/**
 * The one-file build (`dist/pixorly.js`): importing it defines every Pixorly element,
 * for pages that include the studio with a single `<script type="module">`. The library views
 * (gallery, lightbox, collections) live in a chunk beside it, loaded on first use: by the
 * studio's tabs, or here at once when the page already holds one of their tags.
 */
import './studio/studio.js';
import './job-status/job-status.js';
import './image/image.js';
import './recent-results/recent-results.js';
import './prompt-box/prompt-box.js';
import './model-picker/model-picker.js';
import './comparison/comparison.js';

import { LIBRARY_TAGS, loadLibrary } from './library/load-library.js';

// Not `./index.js`: the Convex client is a chunk of its own, loaded after the first paint, so the
// bundle exports `loadClient()` (in ./elements.js) instead of the `PixorlyClient` class.
export * from './elements.js';

if (typeof document !== 'undefined' && document.querySelector(LIBRARY_TAGS.join(','))) void loadLibrary();
