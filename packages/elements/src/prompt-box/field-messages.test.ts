import { expect } from "@open-wc/testing";
import { validateGenerationRequest } from "@pixorly/core";
import { applyLocaleOf } from "../i18n/localize.js";
import { makeModel } from "../test/fixtures.js";
import { localizedFieldMessage } from "./field-messages.js";

async function useLanguage(lang: string): Promise<void> {
  const probe = document.createElement("div");
  probe.lang = lang;
  document.body.append(probe);
  await applyLocaleOf(probe);
  probe.remove();
}

/** Core's own messages for requests a person can make through the prompt box's inputs. */
function coreMessages(): string[] {
  const model = makeModel({
    name: "Aurora",
    supports: { negativePrompt: false, seed: false, steps: { min: 1, max: 50, default: 20 } },
    aspectRatios: ["1:1"],
    maxWidth: 1024,
    maxHeight: 1024,
  });
  const requests = [
    { prompt: "   ", parameters: { width: 512, height: 512 } },
    { prompt: "x".repeat(5000), parameters: { width: 512, height: 512 } },
    { prompt: "a", parameters: { width: 2048, height: 512 } },
    { prompt: "a", parameters: { width: 516, height: 512 } },
    { prompt: "a", parameters: { width: 512, height: 768 } },
    { prompt: "a", parameters: { width: 512, height: 512, steps: 99 } },
    { prompt: "a", parameters: { width: 512, height: 512, steps: 2.5 } },
    { prompt: "a", parameters: { width: 512, height: 512, seed: 3 } },
    { prompt: "a", negativePrompt: "blur", parameters: { width: 512, height: 512 } },
  ];
  return requests.flatMap((request) => {
    const result = validateGenerationRequest({ ...request, model: model.id }, model);
    return result.ok ? [] : result.issues.map((issue) => issue.message);
  });
}

describe("localizedFieldMessage", () => {
  afterEach(() => useLanguage("en"));

  it("leaves core's English as it is on an English page", async () => {
    await useLanguage("en");
    for (const message of coreMessages()) expect(localizedFieldMessage(message)).to.equal(message);
  });

  it("says each of core's messages a person can cause in German on a German page", async () => {
    const english = coreMessages();
    expect(english.length).to.be.greaterThan(8);
    await useLanguage("de");
    const german = english.map(localizedFieldMessage);
    for (const [index, message] of german.entries())
      expect(message, english[index]).not.to.match(/ must | does not | supports /);
    expect(german).to.include("Schreib zuerst einen Prompt.");
    expect(german, german.join(" / ")).to.include("Breite: für dieses Modell von 64 bis 1.024 Pixel");
  });
});
