/**
 * Core's validation messages (`validateGenerationRequest`) in the page's language. Core writes
 * English for every part (API bodies, Convex errors, the prompt box); the prompt box shows the
 * messages it checks before sending, so it puts the ones a person can cause through its inputs
 * into `msg()` by their shape. A message that matches none is shown as core wrote it;
 * `field-messages.test.ts` feeds core's real messages through this.
 */
import { formatNumber } from "../i18n/format.js";
import { currentLocale, msg, str } from "../i18n/localize.js";
import { sourceLocale } from "../i18n/locale-codes.js";

/** Core's labels (the first words of its messages) in the page's language. */
function label(english: string): string {
  switch (english) {
    case "Prompt":
      return msg("Prompt");
    case "Negative prompt":
      return msg("Negative prompt");
    case "Width":
      return msg("Width");
    case "Height":
      return msg("Height");
    case "Steps":
      return msg("Steps");
    case "Guidance":
      return msg("Guidance");
    case "Seed":
      return msg("Seed");
    case "Number of images":
      return msg("Number of images");
    case "Strength":
      return msg("Strength");
    default:
      return english;
  }
}

const LABEL = "(Prompt|Negative prompt|Width|Height|Steps|Guidance|Seed|Number of images|Strength)";
const NUMBER = "(-?[\\d.]+)";
const n = (text: string) => formatNumber(Number(text));

/** Each shape of core's messages and its sentence in the page's language. */
const SHAPES: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^Prompt must not be blank$/, () => msg("Write a prompt first.")],
  [
    new RegExp(`^${LABEL} must be at most ${NUMBER} characters$`),
    (m) => msg(str`${label(m[1]!)} can be at most ${n(m[2]!)} characters long`),
  ],
  [
    new RegExp(`^${LABEL} must be from ${NUMBER} to ${NUMBER} pixels for this model$`),
    (m) => msg(str`${label(m[1]!)} must be from ${n(m[2]!)} to ${n(m[3]!)} pixels for this model`),
  ],
  [
    new RegExp(`^${LABEL} must be a multiple of ${NUMBER} pixels$`),
    (m) => msg(str`${label(m[1]!)} must be a multiple of ${n(m[2]!)} pixels`),
  ],
  [
    new RegExp(`^${LABEL} must be a whole number( of pixels)?$`),
    (m) => msg(str`${label(m[1]!)} must be a whole number`),
  ],
  [new RegExp(`^${LABEL} must be a number$`), (m) => msg(str`${label(m[1]!)} must be a number`)],
  [new RegExp(`^${LABEL} must not be negative$`), (m) => msg(str`${label(m[1]!)} must not be negative`)],
  [
    new RegExp(`^${LABEL} must be at least ${NUMBER}( pixels)?$`),
    (m) => msg(str`${label(m[1]!)} must be at least ${n(m[2]!)}`),
  ],
  [
    new RegExp(`^${LABEL} must be at most ${NUMBER}( pixels)?$`),
    (m) => msg(str`${label(m[1]!)} must be at most ${n(m[2]!)}`),
  ],
  [
    new RegExp(`^${LABEL} must be from ${NUMBER} to ${NUMBER} for (.+)$`),
    (m) => msg(str`${label(m[1]!)} must be from ${n(m[2]!)} to ${n(m[3]!)} for ${m[4]!}`),
  ],
  [
    new RegExp(`^${LABEL} must be ${NUMBER} for (.+)$`),
    (m) => msg(str`${label(m[1]!)} must be ${n(m[2]!)} for ${m[3]!}`),
  ],
  [
    /^(.+) supports the aspect ratios (.+), not (\d+)×(\d+)$/,
    (m) => msg(str`${m[1]!} supports the aspect ratios ${m[2]!}, not ${m[3]!}×${m[4]!}`),
  ],
  [/^(.+) does not support a negative prompt$/, (m) => msg(str`${m[1]!} does not support a negative prompt`)],
  [/^(.+) does not support a seed$/, (m) => msg(str`${m[1]!} does not support a seed`)],
];

/** `message` from core in the page's language (as core wrote it in English, or when unknown). */
export function localizedFieldMessage(message: string): string {
  if (currentLocale() === sourceLocale) return message;
  for (const [shape, say] of SHAPES) {
    const match = message.match(shape);
    if (match) return say(match);
  }
  return message;
}
