/** Next run times for the schedules of `crons.ts` (all in UTC, as Convex). */

type Schedule =
  | { type: "interval"; seconds?: number; minutes?: number; hours?: number }
  | { type: "hourly"; minuteUTC?: number }
  | { type: "daily"; hourUTC: number; minuteUTC?: number }
  | { type: "weekly"; dayOfWeek: string; hourUTC: number; minuteUTC?: number }
  | { type: "monthly"; day: number; hourUTC: number; minuteUTC?: number }
  | { type: "cron"; cron: string };

const DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

function parseField(field: string, min: number, max: number): Set<number> {
  const out = new Set<number>();
  for (const part of field.split(",")) {
    const [range, stepStr] = part.split("/");
    const step = stepStr === undefined ? 1 : Number(stepStr);
    let lo: number;
    let hi: number;
    if (range === "*") [lo, hi] = [min, max];
    else if (range.includes("-")) [lo, hi] = range.split("-").map(Number) as [number, number];
    else [lo, hi] = [Number(range), stepStr === undefined ? Number(range) : max];
    if (![lo, hi, step].every(Number.isInteger) || lo < min || hi > max || lo > hi || step < 1) {
      throw new Error(`Invalid cron field "${field}" (allowed ${min}-${max})`);
    }
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

/** The first minute after `afterMs` matching a 5-field cron expression. */
export function nextCronTime(expr: string, afterMs: number): number {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`Cron expression needs 5 fields: "${expr}"`);
  const [minutes, hours, days, months, weekdays] = [
    parseField(fields[0], 0, 59),
    parseField(fields[1], 0, 23),
    parseField(fields[2], 1, 31),
    parseField(fields[3], 1, 12),
    parseField(fields[4].replace(/7/g, "0"), 0, 6),
  ];
  const dayRestricted = fields[2] !== "*";
  const weekdayRestricted = fields[4] !== "*";
  const t = new Date(Math.floor(afterMs / 60000) * 60000 + 60000);
  for (let i = 0; i < 60 * 24 * 366 * 5; i++) {
    const dayOk =
      dayRestricted && weekdayRestricted
        ? days.has(t.getUTCDate()) || weekdays.has(t.getUTCDay())
        : days.has(t.getUTCDate()) && weekdays.has(t.getUTCDay());
    if (months.has(t.getUTCMonth() + 1) && dayOk && hours.has(t.getUTCHours()) && minutes.has(t.getUTCMinutes())) {
      return t.getTime();
    }
    t.setTime(t.getTime() + 60000);
  }
  throw new Error(`Cron expression never matches: "${expr}"`);
}

export function nextRunTime(schedule: Schedule, afterMs: number): number {
  switch (schedule.type) {
    case "interval": {
      const ms = ((schedule.seconds ?? 0) + (schedule.minutes ?? 0) * 60 + (schedule.hours ?? 0) * 3600) * 1000;
      if (!(ms > 0)) throw new Error("Cron interval must be positive");
      return afterMs + ms;
    }
    case "hourly":
      return nextCronTime(`${schedule.minuteUTC ?? 0} * * * *`, afterMs);
    case "daily":
      return nextCronTime(`${schedule.minuteUTC ?? 0} ${schedule.hourUTC} * * *`, afterMs);
    case "weekly":
      return nextCronTime(
        `${schedule.minuteUTC ?? 0} ${schedule.hourUTC} * * ${DAYS.indexOf(schedule.dayOfWeek)}`,
        afterMs,
      );
    case "monthly":
      return nextCronTime(`${schedule.minuteUTC ?? 0} ${schedule.hourUTC} ${schedule.day} * *`, afterMs);
    case "cron":
      return nextCronTime(schedule.cron, afterMs);
  }
}

export type { Schedule };
