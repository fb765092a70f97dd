/**
 * What an account's usage page shows: the limits of its plan by name (each with used / limit /
 * reset time), and the bounds of the spend summary.
 */

/** The limits `usage:account` reports, in this order. */
export const ACCOUNT_LIMIT_NAMES = [
  "generationsPerMonth",
  "storageBytes",
  "generationsPerHour",
  "apiRequestsPerDay",
  "concurrentJobs",
] as const;
export type AccountLimitName = (typeof ACCOUNT_LIMIT_NAMES)[number];

/** `usage:summary` covers this many UTC days, today included. */
export const USAGE_SUMMARY_DAYS = { min: 1, max: 90 } as const;
