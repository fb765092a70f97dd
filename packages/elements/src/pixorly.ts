/**
 * The one-file build (`dist/pixorly.js`): importing it defines every Pixorly element,
 * for pages that include the studio with a single `<script type="module">`.
 */
import './studio/studio.js';
import './job-status/job-status.js';
import './image/image.js';
import './recent-results/recent-results.js';
import './prompt-box/prompt-box.js';
import './model-picker/model-picker.js';
import './comparison/comparison.js';

export * from './index.js';
