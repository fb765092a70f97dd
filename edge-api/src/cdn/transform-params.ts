/**
 * Image transform parameters (`w`, `h`, `f`, `q`, `fit`): their limits, parsing from a CDN
 * query string, their canonical order, and format negotiation for `f=auto`. Pure: no sharp
 * here, so the Workers bundle can validate URLs without the image library.
 */
// zod as @hono/zod-openapi extends it, so the route schemas can name this one (`.openapi()`)
// whichever module loads first.
import { z } from "@hono/zod-openapi";

export const MAX_TRANSFORM_DIMENSION = 4096;
export const OUTPUT_FORMATS = ["webp", "avif", "jpeg", "png"] as const;
export const TRANSFORM_FORMATS = [...OUTPUT_FORMATS, "auto"] as const;
export const TRANSFORM_FITS = ["cover", "contain", "fill", "inside", "outside"] as const;

export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export type TransformFormat = (typeof TRANSFORM_FORMATS)[number];
export type TransformFit = (typeof TRANSFORM_FITS)[number];

const dimension = z.number().int().min(1).max(MAX_TRANSFORM_DIMENSION);

/** The transform as JSON (the `transform` of `POST /v1/images/urls`); unknown keys are refused. */
export const transformParamsSchema = z.strictObject({
  w: dimension.optional().describe(`Width in pixels, 1–${MAX_TRANSFORM_DIMENSION}.`),
  h: dimension.optional().describe(`Height in pixels, 1–${MAX_TRANSFORM_DIMENSION}.`),
  f: z
    .enum(TRANSFORM_FORMATS)
    .optional()
    .describe("Output format; `auto` picks AVIF, WebP or JPEG from the browser's Accept header."),
  q: z.number().int().min(1).max(100).optional().describe("Quality of lossy formats, 1–100."),
  fit: z.enum(TRANSFORM_FITS).optional().describe("How the image fits `w`×`h` (sharp's fit modes); default `cover`."),
});

export type TransformParams = z.infer<typeof transformParamsSchema>;

/** The order parameters appear in every URL we make, so one variant has one URL and one cache key. */
const CANONICAL_ORDER = ["w", "h", "f", "q", "fit"] as const satisfies readonly (keyof TransformParams)[];

/** One bad transform parameter, named, for a 400 that says what to fix. */
export class TransformParamError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
    this.name = "TransformParamError";
  }
}

const integerParam = /^(0|[1-9]\d{0,5})$/;

/**
 * Transform parameters from a query string's `[name, value]` pairs (already without the
 * signature parameters). Values must be written canonically (`w=256`, not `w=0256` or `w=256.0`)
 * and each name may appear once, so no two URLs name the same variant differently.
 */
export function parseTransformQuery(pairs: Iterable<[string, string]>): TransformParams {
  const raw: Record<string, unknown> = {};
  for (const [name, value] of pairs) {
    if (!(CANONICAL_ORDER as readonly string[]).includes(name)) {
      throw new TransformParamError(name, `Unknown parameter "${name}"; use ${CANONICAL_ORDER.join(", ")}.`);
    }
    if (name in raw) throw new TransformParamError(name, `Parameter "${name}" appears more than once.`);
    if (name === "w" || name === "h" || name === "q") {
      if (!integerParam.test(value)) throw new TransformParamError(name, `Parameter "${name}" must be a whole number.`);
      raw[name] = Number(value);
    } else {
      raw[name] = value;
    }
  }
  const parsed = transformParamsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const param = String(issue.path[0] ?? "query");
    throw new TransformParamError(param, `Parameter "${param}": ${describeIssue(param)}`);
  }
  return parsed.data;
}

function describeIssue(param: string): string {
  switch (param) {
    case "w":
    case "h":
      return `must be between 1 and ${MAX_TRANSFORM_DIMENSION}.`;
    case "q":
      return "must be between 1 and 100.";
    case "f":
      return `must be one of ${TRANSFORM_FORMATS.join(", ")}.`;
    default:
      return `must be one of ${TRANSFORM_FITS.join(", ")}.`;
  }
}

/** `w=…&h=…&f=…&q=…&fit=…` for the parameters set, in canonical order ("" when none). */
export function canonicalTransformQuery(params: TransformParams): string {
  return CANONICAL_ORDER.filter((name) => params[name] !== undefined)
    .map((name) => `${name}=${encodeURIComponent(String(params[name]))}`)
    .join("&");
}

export function isIdentityTransform(params: TransformParams): boolean {
  return CANONICAL_ORDER.every((name) => params[name] === undefined);
}

function acceptedTypes(accept: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (accept ?? "").split(",")) {
    const [type, ...parameters] = part.split(";").map((s) => s.trim().toLowerCase());
    const q = parameters.find((p) => p.startsWith("q="));
    if (type && !(q && Number(q.slice(2)) === 0)) accepted.add(type);
  }
  return accepted;
}

/**
 * The formats `f=auto` may answer with, best first: AVIF when the Accept header names it, WebP
 * when it names that, and always JPEG. Only explicit types count (`*\/*` says nothing about AVIF
 * support), and `;q=0` excludes a type. The transformer takes the first one the cost ceiling
 * allows for the source at hand (`cost.ts`), so a large `f=auto` variant degrades to a cheaper
 * format instead of being refused.
 */
export function autoFormats(accept: string | undefined): OutputFormat[] {
  const accepted = acceptedTypes(accept);
  return [
    ...(accepted.has("image/avif") ? (["avif"] as const) : []),
    ...(accepted.has("image/webp") ? (["webp"] as const) : []),
    "jpeg",
  ];
}

/** The best format `f=auto` resolves to, before costs are weighed. */
export function negotiateFormat(accept: string | undefined): OutputFormat {
  return autoFormats(accept)[0]!;
}

/** The output format a request gets, or undefined to keep the source's. */
export function outputFormatFor(params: TransformParams, accept: string | undefined): OutputFormat | undefined {
  if (params.f === undefined) return undefined;
  return params.f === "auto" ? negotiateFormat(accept) : params.f;
}

export const CONTENT_TYPES: Readonly<Record<OutputFormat, string>> = {
  webp: "image/webp",
  avif: "image/avif",
  jpeg: "image/jpeg",
  png: "image/png",
};
