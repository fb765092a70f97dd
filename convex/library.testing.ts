/** Test data for the library's unit tests: finished images as the pipeline leaves them, seeded directly. */
import { vi } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { signedIn, type Backend } from "./setup.testing";

export type SeedImage = { prompt: string; model?: string; size?: number };

/**
 * Seeds `images` for `subject`, one millisecond apart in the order given (fake timers must be on),
 * all from one job, with the user's storage use set to their total size.
 */
export async function seedImages(t: Backend, subject: string, images: SeedImage[]) {
  const caller = signedIn(t, subject);
  const { userId } = await caller.mutation(api.users.ensure, {});
  const ids: Id<"images">[] = [];
  const parameters = { width: 64, height: 64, seed: 1, numImages: 1 };
  const jobId = await t.run(async (ctx) =>
    ctx.db.insert("generationJobs", {
      userId,
      prompt: images[0]?.prompt ?? "",
      model: "local/aurora",
      provider: "local",
      parameters,
      status: "completed",
      priority: 0,
      reservedCredits: 1,
      actualCost: 1,
      resultImageIds: [],
    }),
  );
  for (const [n, image] of images.entries()) {
    vi.advanceTimersByTime(1);
    ids.push(
      await t.run(async (ctx) =>
        ctx.db.insert("images", {
          userId,
          jobId,
          model: image.model ?? "local/aurora",
          prompt: image.prompt,
          s3Bucket: "pixorly-images",
          s3Key: `images/${userId}/${jobId}/${n}.png`,
          size: image.size ?? 100,
          width: 64,
          height: 64,
          format: "png",
          seed: 1,
          parameters,
        }),
      ),
    );
  }
  const total = images.reduce((sum, image) => sum + (image.size ?? 100), 0);
  await t.run(async (ctx) => {
    await ctx.db.patch(jobId, { resultImageIds: ids });
    const user = (await ctx.db.get(userId))!;
    await ctx.db.patch(userId, { storageUsed: user.storageUsed + total });
  });
  return { caller, userId, jobId, ids };
}

export const firstPage = (numItems = 50) => ({ numItems, cursor: null });
