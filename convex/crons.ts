import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";

const crons = cronJobs();
// Often enough that a job cut off by a restart is refunded within seconds; the sweep reads only active jobs.
crons.interval("sweep generation jobs", { seconds: 10 }, internal.generation.sweep, {});
// OpenRouter's catalog changes rarely; operators can also run models:sync on demand.
crons.interval("sync OpenRouter models", { hours: 6 }, internal.models.sync, {});
// REST request counters are per UTC day; past days are only clutter.
crons.daily("prune REST request counters", { hourUTC: 1, minuteUTC: 0 }, internal.apiKeys.pruneRequestCounts, {});
// Webhook deliveries whose scheduled attempt was lost (a restart) are started again.
crons.interval("sweep webhook deliveries", { minutes: 5 }, internal.webhooks.sweep, {});
// Pro images unopened for 90 days are archived (`archival.ts`); daily is as fine as the 90 days need.
crons.daily("archive unopened Pro images", { hourUTC: 3, minuteUTC: 30 }, internal.archival.sweep, {});
// Input objects written but never registered (`inputs.ts`): deleted once their hour of grace is over.
crons.interval("sweep unregistered input uploads", { hours: 1 }, internal.inputs.sweepUploads, {});
export default crons;
