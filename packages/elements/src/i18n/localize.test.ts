import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { api } from "../client/api.js";
import type { PixorlyClientOptions } from "../client/pixorly-client.js";
import { PixorlyStudio } from "../studio/studio.component.js";
import "../studio/studio.js";
import { FakeClient } from "../test/fake-client.js";
import { makeJob, makeModel } from "../test/fixtures.js";
import { formatCredits } from "./format.js";
import { applyLocaleOf, currentLocale, supportedLocale } from "./localize.js";

class GermanStudio extends PixorlyStudio {
  static client: FakeClient;
  protected override createClient(_options: PixorlyClientOptions) {
    return GermanStudio.client;
  }
}
PixorlyStudio.define("german-test-studio", GermanStudio);

describe("languages", () => {
  afterEach(async () => {
    const english = document.createElement("div");
    english.lang = "en";
    document.body.append(english);
    await applyLocaleOf(english);
    english.remove();
  });

  it("maps language tags to a shipped locale, English otherwise", () => {
    expect(supportedLocale("de")).to.equal("de");
    expect(supportedLocale("de-AT")).to.equal("de");
    expect(supportedLocale("DE_ch")).to.equal("de");
    expect(supportedLocale("fr")).to.equal("en");
    expect(supportedLocale("")).to.equal("en");
  });

  it('lang="de" on the studio: German strings, numbers and credits', async () => {
    const client = new FakeClient();
    client.setResult(api.models.list, {}, [makeModel()]);
    client.onMutation(api.users.ensure, () => ({ userId: "user1", plan: "free", credits: 1999, storageUsed: 0 }));
    client.setResult(api.jobs.listActive, {}, [makeJob({ _id: "j1", status: "pending", queuePosition: 2 })]);
    client.setResult(api.jobs.get, { jobId: "j1" }, makeJob({ _id: "j1", status: "pending", queuePosition: 2 }));
    client.setResult(api.jobs.me, {}, { plan: "free", credits: 1999, storageUsed: 0 });
    GermanStudio.client = client;
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 1000px"></div>`);
    wrapper.innerHTML =
      '<german-test-studio lang="de" convex-url="http://127.0.0.1:3210" api-url="http://127.0.0.1:8787" token-url="/t"></german-test-studio>';
    const el = wrapper.firstElementChild as GermanStudio;
    const text = () => el.shadowRoot!.textContent!.replace(/\s+/g, " ");
    await waitUntil(() => currentLocale() === "de", "the German module loads", { timeout: 5000 });
    await waitUntil(() => text().includes("Verbunden"), "the header in German");
    expect(text()).to.contain("Erstellen");
    // The result canvas (D's design) is translated too.
    expect(el.shadowRoot!.querySelector("#results-heading")!.textContent).to.equal("Ergebnisse");
    await waitUntil(() => text().includes("1.999 Credits"), "credits with German grouping");
    const job = () => el.shadowRoot!.querySelector("pixorly-job-status")?.shadowRoot?.textContent ?? "";
    await waitUntil(() => job().includes("In der Warteschlange: 2. Stelle"), "nested elements follow");
    expect(text()).not.to.contain("Connected");
  });

  it("the page's <html lang> is used when the element has none", async () => {
    const before = document.documentElement.lang;
    document.documentElement.lang = "de-DE";
    try {
      const probe = document.createElement("span");
      document.body.append(probe);
      await applyLocaleOf(probe);
      probe.remove();
      expect(currentLocale()).to.equal("de");
      expect(formatCredits(1)).to.equal("1 Credit");
    } finally {
      document.documentElement.lang = before;
    }
  });
});
