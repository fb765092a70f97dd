import * as z from "zod/mini";

/**
 * Plans and their limits. Limits that a plan does not have are `null` ("unlimited"),
 * never a large number, so no code path can mistake "unlimited" for a real quota.
 *
 * New users start on `trial`: Pro's limits for 7 days plus a one-off grant of
 * `TRIAL_CREDIT_GRANT` credits, so they can try paid models without a card. When the trial
 * ends the account must move to `pro` (or `enterprise`) to generate again; the backend
 * decides that from `trialDays` and the account's creation time.
 */
export const PLAN_IDS = ["trial", "pro", "enterprise"] as const;
export type PlanId = (typeof PLAN_IDS)[number];
export const planIdSchema = z.enum(PLAN_IDS);

/** Plan for accounts that have not chosen one yet. */
export const DEFAULT_PLAN_ID: PlanId = "trial";

/** Storage sizes are binary gigabytes (GiB), as S3 bills them. */
export const BYTES_PER_GB = 1024 ** 3;

/** Credits granted once when a trial starts (1 credit = $0.001, so 2,000 credits = $2.00). */
export const TRIAL_CREDIT_GRANT = 2_000;

/** Pro is sold with a free trial of this many days; the `trial` plan is that trial. */
const PRO_TRIAL_DAYS = 7;

export interface Plan {
  id: PlanId;
  name: string;
  /** Monthly price in whole US cents; `null` when it is agreed per contract. */
  monthlyPriceCents: number | null;
  /** Generations per calendar month; `null` = unlimited. */
  generationsPerMonth: number | null;
  /** Generations per rolling hour (a burst guard, so it is set even for unlimited monthly plans). */
  generationsPerHour: number;
  /** Requests to the REST API per day; `null` = unlimited. */
  apiRequestsPerDay: number | null;
  /** Total bytes of stored images. */
  storageBytes: number;
  /** Length of the free trial in days; 0 = no trial. */
  trialDays: number;
  /** Credits granted once when the plan starts. */
  startingCredits: number;
  /** Jobs go to the front of the generation queue. */
  priorityQueue: boolean;
  /**
   * A partner on this plan may white-label the embedded studio (hide or replace the Pixorly title):
   * its embed tokens carry `whiteLabel: true` (EMBED_WHITE_LABEL_CLAIM), which `<pixorly-studio>` honours.
   */
  whiteLabel: boolean;
}

/** The embed-token claim that allows white-labelling `<pixorly-studio>` (`brand` slot, `hide-brand`). */
export const EMBED_WHITE_LABEL_CLAIM = "whiteLabel";

const proLimits = {
  generationsPerMonth: 500,
  generationsPerHour: 50,
  apiRequestsPerDay: 1_000,
  storageBytes: 50 * BYTES_PER_GB,
  priorityQueue: false,
  whiteLabel: false,
} as const;

export const plans: Readonly<Record<PlanId, Readonly<Plan>>> = {
  trial: {
    id: "trial",
    name: "Pro trial",
    monthlyPriceCents: 0,
    ...proLimits,
    trialDays: PRO_TRIAL_DAYS,
    startingCredits: TRIAL_CREDIT_GRANT,
  },
  pro: {
    id: "pro",
    name: "Pro",
    monthlyPriceCents: 2_900,
    ...proLimits,
    trialDays: PRO_TRIAL_DAYS,
    startingCredits: 0,
  },
  enterprise: {
    id: "enterprise",
    name: "Enterprise",
    monthlyPriceCents: null,
    generationsPerMonth: null,
    generationsPerHour: 1_000,
    apiRequestsPerDay: null,
    storageBytes: 500 * BYTES_PER_GB,
    trialDays: 0,
    startingCredits: 0,
    priorityQueue: true,
    whiteLabel: true,
  },
};

export function isPlanId(value: unknown): value is PlanId {
  return typeof value === "string" && (PLAN_IDS as readonly string[]).includes(value);
}

export function getPlan(id: PlanId): Readonly<Plan> {
  // Ids also arrive from stored documents and tokens, so check at run time too.
  if (!isPlanId(id)) throw new RangeError(`Unknown plan ${JSON.stringify(id)}; expected one of ${PLAN_IDS.join(", ")}`);
  return plans[id];
}

/** Whether `used` units leave room for `requested` more under `limit` (`null` = unlimited). */
export function isWithinLimit(limit: number | null, used: number, requested = 1): boolean {
  return limit === null || used + requested <= limit;
}
