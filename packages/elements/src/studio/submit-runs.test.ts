import { expect } from "@open-wc/testing";
import { ConvexError } from "convex/values";
import { api } from "../client/api.js";
import { FakeClient } from "../test/fake-client.js";
import { makeModel } from "../test/fixtures.js";
import { submitRuns } from "./submit-runs.js";

const request = { prompt: "a lighthouse", model: "local/aurora", parameters: { width: 256, height: 256 } };
const run = (key: string) => ({ model: makeModel(), request, idempotencyKey: key });

describe("submitRuns", () => {
  it("creates one job per run", async () => {
    const client = new FakeClient();
    let n = 0;
    client.onMutation(api.jobs.create, () => `job-${++n}`);
    const outcome = await submitRuns(client, [run("a"), run("b")]);
    expect(outcome.error).to.equal(undefined);
    expect(outcome.created.map((c) => c.jobId)).to.deep.equal(["job-1", "job-2"]);
  });

  it("turns a refusal jobs:create returns into the MODERATION_REJECTED error, naming the prompt, and stops there", async () => {
    const client = new FakeClient();
    const refused = {
      code: "MODERATION_REJECTED" as const,
      message: "This prompt is not allowed by the content policy.",
      fields: [{ field: "prompt", message: "Not allowed" }],
    };
    client.onMutation(api.jobs.create, () => ({ refused }));
    const outcome = await submitRuns(client, [run("a"), run("b")]);
    expect(outcome.created).to.deep.equal([]);
    expect(outcome.error).to.be.instanceOf(ConvexError);
    expect((outcome.error as ConvexError<typeof refused>).data).to.deep.equal(refused);
    expect(client.mutations).to.have.length(1);
  });
});
