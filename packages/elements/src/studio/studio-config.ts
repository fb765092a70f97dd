import type { ModelInfo } from "@pixorly/core";

export interface StudioConfig {
  convexUrl: string;
  apiUrl: string;
  tokenUrl: string;
  hasTokenProvider: boolean;
}

function isHttpUrl(value: string, base?: string): boolean {
  try {
    const url = new URL(value, base);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

/** Everything wrong with the studio's attributes, each as a sentence that says how to fix it. */
export function configProblems(config: StudioConfig, baseUrl: string): string[] {
  const problems: string[] = [];
  const absolute = (name: string, value: string, example: string) => {
    if (!value) problems.push(`The ${name} attribute is missing. Set it to the Pixorly ${example}.`);
    else if (!isHttpUrl(value)) problems.push(`The ${name} attribute "${value}" is not a valid http(s) URL.`);
  };
  absolute("convex-url", config.convexUrl, "backend URL, for example https://your-deployment.convex.cloud");
  absolute("api-url", config.apiUrl, "API URL, for example https://api.pixorly.com");
  if (config.tokenUrl && !isHttpUrl(config.tokenUrl, baseUrl)) {
    problems.push(`The token-url attribute "${config.tokenUrl}" is not a valid URL.`);
  }
  if (!config.tokenUrl && !config.hasTokenProvider) {
    problems.push("Sign-in is not configured. Set the token-url attribute or the tokenProvider property.");
  }
  return problems;
}

/** The `models` attribute as ids ("a/b, c/d" → ["a/b", "c/d"]). */
export function parseModelList(value: string): string[] {
  return value
    .split(",")
    .map((id) => id.trim())
    .filter(Boolean);
}

/** Models named in `models` or `default-model` that the catalog does not have (or that the allow-list excludes). */
export function modelProblems(
  allowList: readonly string[],
  defaultModel: string,
  catalog: readonly ModelInfo[],
): string[] {
  const known = new Set(catalog.map((m) => m.id));
  const problems: string[] = [];
  const unknown = allowList.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    problems.push(
      `Unknown ${unknown.length === 1 ? "model" : "models"} in the models attribute: ${unknown.join(", ")}. ` +
        `Available: ${[...known].join(", ")}.`,
    );
  }
  if (defaultModel && !known.has(defaultModel)) {
    problems.push(`The default-model "${defaultModel}" is not a known model.`);
  } else if (defaultModel && allowList.length > 0 && !allowList.includes(defaultModel)) {
    problems.push(`The default-model "${defaultModel}" is not in the models attribute.`);
  }
  return problems;
}
