import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";

const crons = cronJobs();
crons.interval("sweep generation jobs", { minutes: 1 }, internal.generation.sweep, {});
export default crons;
