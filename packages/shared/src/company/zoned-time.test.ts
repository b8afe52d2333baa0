import { describe, expect, it } from "vitest";
import { isWithinHours, startOfZonedMonth, weekdayOf, zonedParts } from "./zoned-time.ts";

describe("zoned time", () => {
  it("shows an instant on Tokyo's wall clock", () => {
    expect(zonedParts(new Date("2026-11-30T16:30:00Z"), "Asia/Tokyo")).toEqual({
      date: "2026-12-01",
      time: "01:30",
      weekday: "tue",
    });
    expect(weekdayOf("2026-12-01")).toBe("tue");
  });

  it("checks weekly hours: open inclusive, close exclusive, closed days", () => {
    const hours = {
      mon: { open: "09:00", close: "18:00" },
      tue: null,
      wed: null,
      thu: null,
      fri: null,
      sat: null,
      sun: null,
    };
    expect(isWithinHours(hours, "mon", "09:00")).toBe(true);
    expect(isWithinHours(hours, "mon", "18:00")).toBe(false);
    expect(isWithinHours(hours, "tue", "10:00")).toBe(false);
  });

  it("finds the month's start in the company's zone", () => {
    // 2026-11-30 20:00 UTC is already December 1st in Tokyo.
    expect(startOfZonedMonth(new Date("2026-11-30T20:00:00Z"), "Asia/Tokyo").toISOString()).toBe(
      "2026-11-30T15:00:00.000Z",
    );
    expect(startOfZonedMonth(new Date("2026-11-15T00:00:00Z"), "Asia/Tokyo").toISOString()).toBe(
      "2026-10-31T15:00:00.000Z",
    );
  });
});
