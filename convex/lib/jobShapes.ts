/**
 * Return validators of the job functions, from the schema, so the shape clients read (the job card, the
 * REST status route) is written once and a function cannot hand back more than it declares.
 */
import { paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import schema from "../schema";

export const jobDoc = schema.doc("generationJobs");
export const jobPage = paginationResultValidator(jobDoc);

/** A job with its place in the queue while it is pending (1 = next), null otherwise. */
export const jobWithQueue = v.object({ ...jobDoc.fields, queuePosition: v.union(v.number(), v.null()) });

const users = schema.doc("users").fields;
/** The caller's plan, balance and storage, for the UI's header. */
export const accountSummary = v.object({ plan: users.plan, credits: users.credits, storageUsed: users.storageUsed });
