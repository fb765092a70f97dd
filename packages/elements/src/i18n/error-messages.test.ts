import { expect } from "@open-wc/testing";
import { ERROR_CODES, errorCodeInfo } from "@pixorly/core";
import { ConvexError } from "convex/values";
import { jobErrorMessage, toUserFacingError } from "../client/errors.js";
import { codeMessage } from "./error-messages.js";
import { applyLocaleOf, currentLocale } from "./localize.js";

async function useLanguage(lang: string): Promise<void> {
  const probe = document.createElement("div");
  probe.lang = lang;
  document.body.append(probe);
  await applyLocaleOf(probe);
  probe.remove();
}

describe("error messages", () => {
  afterEach(() => useLanguage("en"));

  it("in English, each code says core's own sentence (the msg() sources have not drifted from core)", async () => {
    await useLanguage("en");
    for (const code of ERROR_CODES) expect(codeMessage(code), code).to.equal(errorCodeInfo[code].message);
  });

  it("in German, the code's sentence replaces the backend's English; English keeps the backend's", async () => {
    const error = new ConvexError({ code: "INSUFFICIENT_CREDITS", message: "You need 4 more credits." });
    expect(toUserFacingError(error).message).to.equal("You need 4 more credits.");
    await useLanguage("de");
    expect(currentLocale()).to.equal("de");
    expect(toUserFacingError(error)).to.deep.equal({
      code: "INSUFFICIENT_CREDITS",
      message: "Dafür hast du nicht genug Credits.",
    });
    expect(toUserFacingError(new Error("boom")).message).to.equal(
      "Bei uns ist etwas schiefgegangen. Bitte versuche es noch einmal.",
    );
    expect(
      jobErrorMessage({ code: "PROVIDER_ERROR", message: "The image provider failed. Your credits were refunded." }),
    ).to.equal("Der Bildanbieter ist ausgefallen. Deine Credits wurden erstattet.");
  });
});
