/**
 * Normalising free text that people type (prompts) before it is checked, counted or stored.
 * Without it a prompt of only zero-width characters passes the blank check, NUL bytes and lone
 * surrogates reach the database and the providers, and the same visible text is stored in several
 * Unicode spellings.
 */

// Control characters other than tab and newline (C0, DEL, C1).
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
// Unpaired UTF-16 surrogates: not text at all, and refused by many JSON parsers and providers. With the
// `u` flag a pair is one code point, so the class matches only lone halves. (No lookbehind in this file:
// Safari before 16.4 cannot even parse a script holding one, and the elements bundle this module.)
const LONE_SURROGATE = /[\uD800-\uDFFF]/gu;
// Invisible format characters (zero-width space, word joiner, BOM, soft hyphen, bidi controls, …),
// except the zero-width joiner, which emoji sequences need (handled below).
const FORMAT_EXCEPT_ZWJ = /(?!\u200D)\p{Cf}/gu;
// A zero-width joiner joins two visible characters; anywhere else (at an edge, beside a space or
// another joiner) it only hides blank text.
const ZWJ_RUN = /\u200D+/g;
const VISIBLE = /\S/;
function keepJoiningZwj(run: string, offset: number, text: string): string {
  return run.length === 1 && VISIBLE.test(text[offset - 1] ?? "") && VISIBLE.test(text[offset + 1] ?? "") ? run : "";
}

/**
 * A prompt as Pixorly stores it: NFC, `\r\n` as `\n`, no control characters except tab and newline,
 * no lone surrogates, no invisible format characters (a zero-width joiner only inside an emoji or
 * word), trimmed. The blank check and the length limit apply to this result.
 */
export function normalizePrompt(text: string): string {
  return text
    .replace(LONE_SURROGATE, "")
    .replace(/\r\n?/g, "\n")
    .replace(CONTROL, "")
    .replace(FORMAT_EXCEPT_ZWJ, "")
    .replace(ZWJ_RUN, keepJoiningZwj)
    .normalize("NFC")
    .trim();
}

/** Length as `GENERATION_LIMITS` documents it: UTF-16 code units, as an HTML `maxlength` counts. */
export function utf16Length(text: string): number {
  return text.length;
}
