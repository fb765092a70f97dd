/**
 * The elements the studio's workspace renders (model picker, prompt box, job cards, comparison,
 * recent images, images), defined together. The studio's first paint is its header alone, so in
 * `pixorly.js` this is a chunk loaded right after that paint (`load-workspace.ts`): compiling and
 * evaluating these elements and core's zod schemas no longer holds the first paint back.
 */
import "../comparison/comparison.js";
import "../image/image.js";
import "../job-status/job-status.js";
import "../model-picker/model-picker.js";
import "../prompt-box/prompt-box.js";
import "../recent-results/recent-results.js";
