import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";

const crons = cronJobs();
// Often enough that a job cut off by a restart is refunded within seconds; the sweep reads only active jobs.
crons.interval("sweep generation jobs", { seconds: 10 }, internal.generation.sweep, {});
export default crons;
