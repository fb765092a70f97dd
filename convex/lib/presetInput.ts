/**
 * Checking a preset: the same rules as a generation request (from packages/core), except that
 * every parameter is optional — a preset may fix only the model and a size, say.
 */
import { LIBRARY_LIMITS, generationParametersSchema, generationRequestSchema } from "@pixorly/core";
import * as z from "zod/mini";
import type { Infer } from "convex/values";
import { InputIssues } from "./inputs";
import { displayName } from "./libraryInputs";
import type { presetParameters } from "./validators";

const partialParameters = z.partial(generationParametersSchema);
const {
  prompt: promptSchema,
  negativePrompt: negativePromptSchema,
  model: modelSchema,
} = generationRequestSchema.shape;

type PresetInput = {
  name: string;
  model: string;
  prompt?: string;
  negativePrompt?: string;
  parameters: Infer<typeof presetParameters>;
};

function check<T>(issues: InputIssues, field: string, schema: z.ZodMiniType<T>, value: unknown): T | undefined {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) issues.add([field, ...issue.path.map(String)].join("."), issue.message);
  return undefined;
}

/** The preset as stored (name trimmed, prompts normalised), or INVALID_ARGUMENT naming every wrong field. */
export function checkPreset(input: PresetInput) {
  const issues = new InputIssues();
  const name = displayName(issues, "name", input.name, LIBRARY_LIMITS.presetName);
  const model = check(issues, "model", modelSchema, input.model);
  const prompt = input.prompt === undefined ? undefined : check(issues, "prompt", promptSchema, input.prompt);
  const negativePrompt =
    input.negativePrompt === undefined
      ? undefined
      : check(issues, "negativePrompt", negativePromptSchema, input.negativePrompt);
  const parameters = check(issues, "parameters", partialParameters, input.parameters);
  issues.throwIfAny();
  return {
    name,
    model: model!,
    parameters: parameters!,
    ...(prompt !== undefined ? { prompt } : {}),
    ...(negativePrompt ? { negativePrompt } : {}),
  };
}
