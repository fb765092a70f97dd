import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { api } from "../client/api.js";
import type { PixorlyClientOptions } from "../client/pixorly-client.js";
import { FakeClient } from "../test/fake-client.js";
import { makeModel } from "../test/fixtures.js";
import { PixorlyStudio } from "./studio.component.js";
import type { OwnedClient } from "./studio-connection.js";
import "./studio.js";

class ClosableClient extends FakeClient {
  closed = false;
  async close(): Promise<void> {
    this.closed = true;
  }
}

/** A studio whose client arrives when the test says (as `pixorly.js` loads the Convex client's chunk). */
class SlowClientStudio extends PixorlyStudio {
  static pending: ((client: OwnedClient) => void)[] = [];
  protected override createClient(_options: PixorlyClientOptions): Promise<OwnedClient> {
    return new Promise((resolve) => SlowClientStudio.pending.push(resolve));
  }
}
PixorlyStudio.define("slow-client-studio", SlowClientStudio);

function readyClient(): ClosableClient {
  const client = new ClosableClient();
  client.setResult(api.models.list, {}, [makeModel()]);
  client.onMutation(api.users.ensure, () => ({ userId: "user1", plan: "free", credits: 5, storageUsed: 0 }));
  client.setResult(api.jobs.listActive, {}, []);
  client.setResult(api.jobs.me, {}, { plan: "free", credits: 5, storageUsed: 0 });
  return client;
}

async function mount(): Promise<SlowClientStudio> {
  SlowClientStudio.pending = [];
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  wrapper.innerHTML =
    '<slow-client-studio convex-url="http://127.0.0.1:3210" api-url="http://127.0.0.1:8787" token-url="/t"></slow-client-studio>';
  return wrapper.firstElementChild as SlowClientStudio;
}

describe("<pixorly-studio> with a client that loads later", () => {
  it('paints "Connecting…", then uses the client once its code has loaded', async () => {
    const el = await mount();
    await waitUntil(() => SlowClientStudio.pending.length === 1, "the client is asked for after the first paint");
    expect(el.client).to.equal(undefined);
    expect(el.shadowRoot!.textContent).to.contain("Connecting…");
    const client = readyClient();
    SlowClientStudio.pending[0]!(client);
    await waitUntil(() => el.client === client, "the client is attached");
    await waitUntil(() => el.shadowRoot!.textContent!.includes("5 credits"), "its queries run");
  });

  it("a client that arrives after the studio left is closed, never used", async () => {
    const el = await mount();
    await waitUntil(() => SlowClientStudio.pending.length === 1);
    el.remove();
    const client = readyClient();
    SlowClientStudio.pending[0]!(client);
    await waitUntil(() => client.closed, "closed");
    expect(el.client).to.equal(undefined);
    expect(client.activeWatches()).to.equal(0);
  });
});
