import { z } from "zod";

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM (24時間表記)");

const dayHours = z
  .object({ open: timeOfDay, close: timeOfDay })
  .refine((h) => h.open < h.close, { message: "open must be before close" })
  .nullable()
  .default(null);

/**
 * Weekly hours in the company's time zone (`Company.businessHours`, `Company.callingHours`);
 * a day that is null is closed.
 */
export const weeklyHoursSchema = z.object({
  mon: dayHours,
  tue: dayHours,
  wed: dayHours,
  thu: dayHours,
  fri: dayHours,
  sat: dayHours,
  sun: dayHours,
});
export type WeeklyHours = z.infer<typeof weeklyHoursSchema>;
