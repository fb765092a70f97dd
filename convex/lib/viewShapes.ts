/**
 * The backend keeps the promises of core's views (`packages/core/src/views.ts`), which the elements
 * and the REST layer read: every value a function's `returns` validator allows must be a valid view.
 * A field renamed, retyped or dropped here without core following fails the type check (`npm run
 * typecheck`), not a client at run time. Types only: nothing here runs.
 */
import type { CollectionView, ImageView, JobView, PublicImageView } from "@pixorly/core";
import type { Infer } from "convex/values";
import type { jobDoc, jobWithQueue } from "./jobShapes";
import type { collectionSummary, imageDoc, imageWithJob, publicImage } from "./libraryShapes";

/** `true` when every `Server` value is a `Client` value (extra server fields are fine: clients ignore them). */
type Keeps<Server, Client> = [Server] extends [Client] ? true : false;

/** Each entry must be `true`; a drift turns it `false` and this object no longer type-checks. */
export type ViewChecks = {
  job: Keeps<Infer<typeof jobDoc>, JobView>;
  jobWithQueue: Keeps<Infer<typeof jobWithQueue>, JobView>;
  image: Keeps<Infer<typeof imageDoc>, ImageView>;
  imageWithJob: Keeps<Infer<typeof imageWithJob>, ImageView>;
  collection: Keeps<Infer<typeof collectionSummary>, CollectionView>;
  publicImage: Keeps<Infer<typeof publicImage>, PublicImageView>;
};

type AllTrue<T> = { [K in keyof T]: T[K] extends true ? true : never };
/** Fails to compile when any entry of `ViewChecks` is `false`. */
export type ViewChecksHold = ViewChecks extends AllTrue<ViewChecks> ? true : never;
const viewChecksHold: ViewChecksHold = true;
void viewChecksHold;
