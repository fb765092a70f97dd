import type { Job } from '../client/api.js';

/** The estimate never claims to be done before the job says so. */
const MAX_ESTIMATED_FRACTION = 0.95;

export interface ProgressEstimate {
  /** 0–100, from the time since `startedAt` over the model's typical time for this many images. */
  percent: number;
  /** Whole seconds left by the estimate, 0 once overdue. */
  secondsLeft: number;
  overdue: boolean;
}

/** How far a processing job probably is. `estimatedMs` is the model's typical time for one image. */
export function estimateProgress(job: Pick<Job, 'startedAt' | 'parameters'>, estimatedMs: number, now: number): ProgressEstimate {
  const total = Math.max(1, estimatedMs) * Math.max(1, job.parameters.numImages);
  const elapsed = Math.max(0, now - (job.startedAt ?? now));
  const fraction = Math.min(MAX_ESTIMATED_FRACTION, elapsed / total);
  return {
    percent: Math.round(fraction * 100),
    secondsLeft: Math.max(0, Math.ceil((total - elapsed) / 1000)),
    overdue: elapsed > total,
  };
}

const ordinal = (n: number) => {
  const rules = new Intl.PluralRules('en', { type: 'ordinal' });
  const suffix = { one: 'st', two: 'nd', few: 'rd', other: 'th' } as Record<string, string>;
  return `${n}${suffix[rules.select(n)] ?? 'th'}`;
};

/** The headline for a job's status, as the element shows it and the live region announces it. */
export function statusSentence(job: Pick<Job, 'status' | 'queuePosition' | 'resultImageIds'>): string {
  switch (job.status) {
    case 'pending':
      return job.queuePosition ? `Waiting in line: ${ordinal(job.queuePosition)} in the queue` : 'Waiting in line';
    case 'processing':
      return 'Generating';
    case 'completed': {
      const count = job.resultImageIds.length;
      return `Done: ${count} ${count === 1 ? 'image' : 'images'}`;
    }
    case 'failed':
      return 'Failed';
    case 'cancelled':
      return 'Cancelled';
  }
}
