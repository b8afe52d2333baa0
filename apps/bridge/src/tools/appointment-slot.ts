import { isWithinHours, type WeeklyHours, weekdayOf, zonedParts } from "@koe/shared";

const WEEKDAY_JA: Record<keyof WeeklyHours, string> = {
  mon: "月",
  tue: "火",
  wed: "水",
  thu: "木",
  fri: "金",
  sat: "土",
  sun: "日",
};

/** "12月1日(火) 15:00": how the agent reads a slot back and the SMS names it. */
export function slotInJapanese(date: string, time: string): string {
  const [, month, day] = date.split("-").map(Number);
  return `${month}月${day}日(${WEEKDAY_JA[weekdayOf(date)]}) ${time}`;
}

/**
 * Why a slot cannot be booked, in Japanese for the model to pass on, or null when it can: it must
 * lie in the future and inside the company's business hours, both on the company's wall clock.
 * The date is already a real ISO date (the tool's schema checks that).
 */
export function slotProblem(
  slot: { date: string; time: string },
  hours: WeeklyHours,
  timeZone: string,
  now: Date,
): string | null {
  const today = zonedParts(now, timeZone);
  if (`${slot.date}T${slot.time}` <= `${today.date}T${today.time}`)
    return `${slotInJapanese(slot.date, slot.time)} はすでに過ぎています (現在 ${slotInJapanese(today.date, today.time)})。今後の日時をお伺いください。`;
  const weekday = weekdayOf(slot.date);
  if (isWithinHours(hours, weekday, slot.time)) return null;
  const day = hours[weekday];
  return day
    ? `${slotInJapanese(slot.date, slot.time)} は営業時間外です。${WEEKDAY_JA[weekday]}曜日の営業時間は ${day.open}〜${day.close} です。`
    : `${WEEKDAY_JA[weekday]}曜日は定休日のため、ご予約をお受けできません。`;
}
