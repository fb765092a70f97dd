import { defineSchema } from "convex/server";

// Pixorly's tables arrive with the generation pipeline; an empty schema still
// makes convex-local (and Convex) reject writes to undeclared tables.
export default defineSchema({});
