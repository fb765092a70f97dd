/** Page sizes and cursors from outside are checked, for every paginated function. */
import { beforeEach, describe, expect, it } from "vitest";
import { api } from "../_generated/api";
import { errorOf, newBackend, signedIn, type Backend } from "../setup.testing";
import { jobIdOf } from "../jobResult.testing";

let t: Backend;
beforeEach(() => {
  t = newBackend();
});

const request = { prompt: "a field of tulips", model: "local/aurora", parameters: { width: 256, height: 256 } };

describe("paginated functions", () => {
  it.each([Number.NaN, 0, -1, 1.5, 201, Number.POSITIVE_INFINITY])(
    "refuse numItems %s, naming it",
    async (numItems) => {
      const ada = signedIn(t, "ada");
      await ada.mutation(api.users.ensure, {});
      // Thunks: a call started before the previous one is awaited could reject with no handler yet
      // (an unhandled rejection that fails the whole run).
      for (const call of [
        () => ada.query(api.jobs.list, { paginationOpts: { numItems, cursor: null } }),
        () => ada.query(api.images.list, { paginationOpts: { numItems, cursor: null } }),
      ]) {
        const error = await errorOf(call());
        expect(error.code).toBe("INVALID_ARGUMENT");
        expect(error.message).toContain("numItems");
        expect(error.fields).toEqual([expect.objectContaining({ field: "paginationOpts.numItems" })]);
      }
    },
  );

  it("accept 1 to 200 items and walk pages to the end", async () => {
    const ada = signedIn(t, "ada");
    for (let i = 0; i < 3; i++) await ada.mutation(api.jobs.create, request).then(jobIdOf);
    const first = await ada.query(api.jobs.list, { paginationOpts: { numItems: 2, cursor: null } });
    expect(first.page).toHaveLength(2);
    const second = await ada.query(api.jobs.list, { paginationOpts: { numItems: 200, cursor: first.continueCursor } });
    expect(second).toMatchObject({ isDone: true });
    expect(second.page).toHaveLength(1);
  });

  it("refuse a cursor they never returned, naming it", async () => {
    const ada = signedIn(t, "ada");
    await ada.mutation(api.jobs.create, request).then(jobIdOf);
    const error = await errorOf(ada.query(api.jobs.list, { paginationOpts: { numItems: 10, cursor: "!!!" } }));
    expect(error).toMatchObject({
      code: "INVALID_ARGUMENT",
      fields: [expect.objectContaining({ field: "paginationOpts.cursor" })],
    });
  });
});
