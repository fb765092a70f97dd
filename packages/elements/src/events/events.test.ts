/**
 * The event types are the public surface (issue 18): the `@ts-expect-error` lines below are compiled by
 * `npm run typecheck` (packages/elements/tsconfig.json), so a detail that stops being checked, or a
 * listener that stops seeing the typed detail, fails the typecheck; the runtime part checks that what
 * `emit()` dispatches is what the map says a page receives.
 */
import { expect, fixture, html } from "@open-wc/testing";
import { PixorlyElement } from "../base/pixorly-element.js";
import type { ComponentProps } from "react";
import type { PixorlyStudio as PixorlyStudioReact } from "../react/index.js";
import type { PixorlyStudio } from "../studio/studio.component.js";
import type { JobCreatedDetail, PixorlyEventMap } from "./index.js";

/** Types only: never called. Each `@ts-expect-error` must meet an error, or the typecheck fails. */
export function typeChecks(el: PixorlyElement, studio: PixorlyStudio): void {
  el.emit("job-created", { jobId: "j1", retryOf: "j0" });
  el.emit("lightbox-close");
  // @ts-expect-error a wrong detail: jobId is a string
  el.emit("job-created", { jobId: 42 });
  // @ts-expect-error a detail without its required field
  el.emit("images-deleted", {});
  // @ts-expect-error an event that is not in PixorlyEventMap
  el.emit("made-up", {});
  // @ts-expect-error an event with a detail needs it
  el.emit("job-created");
  // @ts-expect-error the full name is not what emit() takes (it adds the prefix)
  el.emit("pixorly-job-created", { jobId: "j1" });

  // A page's listener on the studio sees the typed detail without a cast.
  studio.addEventListener("pixorly-job-created", (event) => {
    const detail: JobCreatedDetail = event.detail;
    const jobId: string = event.detail.jobId;
    // @ts-expect-error retryOf may be absent
    const retryOf: string = event.detail.retryOf;
    void [detail, jobId, retryOf];
  });
  studio.addEventListener("pixorly-image-selected", (event) => {
    const imageId: string = event.detail.imageId;
    // @ts-expect-error no such field
    void event.detail.imageID;
    void imageId;
  });
  document.addEventListener("pixorly-auth-expired", (event) => {
    const state: "expired" | "failed" = event.detail.state;
    void state;
  });
  // @ts-expect-error a listener that expects another detail does not fit
  studio.addEventListener("pixorly-job-failed", (event: CustomEvent<{ jobId: number }>) => void event);
}

/** The React wrappers' `on…` props take their types from the same map. */
type StudioProps = ComponentProps<typeof PixorlyStudioReact>;
export const onJobCreated: NonNullable<StudioProps["onJobCreated"]> = (event) => {
  const jobId: string = event.detail.jobId;
  void jobId;
};
// @ts-expect-error a handler for another detail does not fit the prop
export const wrongHandler: NonNullable<StudioProps["onJobFailed"]> = (event: CustomEvent<{ error: number }>) =>
  void event;

class EventProbe extends PixorlyElement {
  fire(): void {
    this.emit("job-created", { jobId: "j2", retryOf: "j1" });
  }
}
PixorlyElement.define("pixorly-test-event-probe", EventProbe);

describe("typed events", () => {
  it("emit() dispatches the map's event, and an ancestor's typed listener gets the detail", async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div><pixorly-test-event-probe></pixorly-test-event-probe></div>`,
    );
    const heard: PixorlyEventMap["pixorly-job-created"][] = [];
    wrapper.addEventListener("pixorly-job-created", (event) => heard.push(event));
    (wrapper.firstElementChild as EventProbe).fire();
    expect(heard).to.have.length(1);
    expect(heard[0]!.detail).to.deep.equal({ jobId: "j2", retryOf: "j1" });
    expect(heard[0]).to.be.instanceOf(CustomEvent);
  });
});
