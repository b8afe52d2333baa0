import type { WeeklyHours } from "./hours.ts";

/** A moment as a wall clock in some time zone shows it. */
export type ZonedParts = {
  /** ISO date, YYYY-MM-DD. */
  date: string;
  /** HH:MM, 24-hour. */
  time: string;
  weekday: keyof WeeklyHours;
};

const WEEKDAYS: Record<string, keyof WeeklyHours> = {
  Mon: "mon",
  Tue: "tue",
  Wed: "wed",
  Thu: "thu",
  Fri: "fri",
  Sat: "sat",
  Sun: "sun",
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      weekday: "short",
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** Date, time and weekday of `at` on the wall clock of `timeZone` (IANA, e.g. Asia/Tokyo). */
export function zonedParts(at: Date, timeZone: string): ZonedParts {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
    weekday: WEEKDAYS[parts.weekday ?? ""] ?? "mon",
  };
}

/** Weekday of an ISO calendar date (no time zone involved). */
export function weekdayOf(isoDate: string): keyof WeeklyHours {
  const day = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return (["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const)[day] ?? "sun";
}

/** Whether a local weekday and HH:MM fall inside the weekly hours (open inclusive, close exclusive). */
export function isWithinHours(hours: WeeklyHours, weekday: keyof WeeklyHours, time: string): boolean {
  const day = hours[weekday];
  return day !== null && time >= day.open && time < day.close;
}

/** The instant the month that contains `at` began, on the wall clock of `timeZone`. */
export function startOfZonedMonth(at: Date, timeZone: string): Date {
  const { date } = zonedParts(at, timeZone);
  const firstDay = `${date.slice(0, 7)}-01`;
  // The zone's offset at that midnight: guess UTC midnight, then correct by what the zone shows.
  const guess = new Date(`${firstDay}T00:00:00Z`);
  const shown = zonedParts(guess, timeZone);
  const shownAsUtc = new Date(`${shown.date}T${shown.time}:00Z`);
  return new Date(guess.getTime() - (shownAsUtc.getTime() - guess.getTime()));
}
