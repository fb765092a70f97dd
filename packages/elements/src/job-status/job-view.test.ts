import { expect } from "@open-wc/testing";
import { makeJob } from "../test/fixtures.js";
import { jobActions, jobCostText, jobGenerationTime, jobTimeText } from "./job-view.js";

describe("job view (shared by the job card and the comparison cell)", () => {
  it("offers cancel while a job waits or runs, retry once it failed or was cancelled, nothing when done", () => {
    expect(jobActions(makeJob({ status: "pending" }))).to.deep.equal({ cancel: true, retry: false });
    expect(jobActions(makeJob({ status: "processing" }))).to.deep.equal({ cancel: true, retry: false });
    expect(jobActions(makeJob({ status: "failed" }))).to.deep.equal({ cancel: false, retry: true });
    expect(jobActions(makeJob({ status: "cancelled" }))).to.deep.equal({ cancel: false, retry: true });
    expect(jobActions(makeJob({ status: "completed" }))).to.deep.equal({ cancel: false, retry: false });
  });

  it("says what a job costs at each stage", () => {
    expect(jobCostText(makeJob({ status: "pending", reservedCredits: 2 }))).to.equal("Up to 2 credits");
    expect(jobCostText(makeJob({ status: "completed", reservedCredits: 2, actualCost: 1 }))).to.equal("1 credit");
    expect(jobCostText(makeJob({ status: "failed", reservedCredits: 2 }))).to.equal("Refunded");
  });

  it("times the generation only (not the wait in the queue), and says what a job is doing until then", () => {
    const done = makeJob({ status: "completed", startedAt: 10_000, completedAt: 11_500 });
    expect(jobGenerationTime(done)).to.equal("1.5 s");
    expect(jobTimeText(done)).to.equal("1.5 s");
    expect(jobGenerationTime(makeJob({ status: "processing", startedAt: 10_000 }))).to.equal(undefined);
    expect(jobTimeText(makeJob({ status: "pending" }))).to.equal("Waiting");
    expect(jobTimeText(makeJob({ status: "processing", startedAt: 10_000 }))).to.equal("Running");
    expect(jobTimeText(makeJob({ status: "cancelled" }))).to.equal("—");
  });
});
