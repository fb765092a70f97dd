import { describe, expect, it } from "vitest";
import {
  BYTES_PER_GB,
  DEFAULT_PLAN_ID,
  PLAN_IDS,
  TRIAL_CREDIT_GRANT,
  getPlan,
  isPlanId,
  isWithinLimit,
  planIdSchema,
  plans,
} from "./plans";

describe("plans", () => {
  it("prices and limits Pro as sold", () => {
    const pro = getPlan("pro");
    expect(pro.monthlyPriceCents).toBe(2_900);
    expect(pro.generationsPerMonth).toBe(500);
    expect(pro.storageBytes).toBe(50 * 1024 ** 3);
    expect(pro.generationsPerHour).toBe(50);
    expect(pro.apiRequestsPerDay).toBe(1_000);
    expect(pro.trialDays).toBe(7);
    expect(pro.priorityQueue).toBe(false);
  });

  it("marks Enterprise limits as unlimited explicitly", () => {
    const enterprise = getPlan("enterprise");
    expect(enterprise.generationsPerMonth).toBeNull();
    expect(enterprise.apiRequestsPerDay).toBeNull();
    expect(enterprise.storageBytes).toBe(500 * BYTES_PER_GB);
    expect(enterprise.generationsPerHour).toBe(1_000);
    expect(enterprise.priorityQueue).toBe(true);
    expect(enterprise.whiteLabel, "only enterprise partners may white-label the studio").toBe(true);
    expect(plans.pro.whiteLabel).toBe(false);
    expect(plans.trial.whiteLabel).toBe(false);
  });

  it("starts new users on a trial with Pro limits and a credit grant", () => {
    const trial = getPlan(DEFAULT_PLAN_ID);
    const pro = getPlan("pro");
    expect(trial.id).toBe("trial");
    expect(trial.monthlyPriceCents).toBe(0);
    expect(trial.trialDays).toBe(7);
    expect(trial.startingCredits).toBe(TRIAL_CREDIT_GRANT);
    expect(trial.startingCredits).toBeGreaterThan(0);
    for (const key of ["generationsPerMonth", "generationsPerHour", "apiRequestsPerDay", "storageBytes"] as const) {
      expect(trial[key]).toBe(pro[key]);
    }
  });

  it("keeps every number a safe integer", () => {
    for (const id of PLAN_IDS) {
      const plan = getPlan(id);
      expect(plan.id).toBe(id);
      for (const value of Object.values(plan)) {
        if (typeof value === "number") expect(Number.isSafeInteger(value)).toBe(true);
      }
    }
  });

  it("rejects unknown plan ids", () => {
    expect(() => getPlan("free" as never)).toThrow('Unknown plan "free"; expected one of trial, pro, enterprise');
    expect(() => getPlan("toString" as never)).toThrow(/Unknown plan/);
    expect(isPlanId("pro")).toBe(true);
    expect(isPlanId("Pro")).toBe(false);
    expect(planIdSchema.safeParse("enterprise").success).toBe(true);
    expect(planIdSchema.safeParse("gold").success).toBe(false);
  });
});

describe("isWithinLimit", () => {
  it("treats null as unlimited", () => {
    expect(isWithinLimit(null, Number.MAX_SAFE_INTEGER - 1)).toBe(true);
  });

  it("allows up to and including the limit", () => {
    expect(isWithinLimit(500, 499)).toBe(true);
    expect(isWithinLimit(500, 500)).toBe(false);
    expect(isWithinLimit(500, 496, 4)).toBe(true);
    expect(isWithinLimit(500, 497, 4)).toBe(false);
  });
});
