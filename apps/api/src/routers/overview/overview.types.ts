import { CallEngine } from "@koe/db";
import { z } from "zod";

/** The longest periods charted: hourly buckets for a week, daily ones for a year. */
export const MAX_PERIOD_DAYS = { hour: 7, day: 366 } as const;

export const overviewInput = z
  .object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    /** Buckets of the charts, in the company's time zone. */
    bucket: z.enum(["hour", "day"]),
    agentId: z.uuid().optional(),
    engine: z.enum(CallEngine).optional(),
    agentVersionId: z.uuid().optional(),
    /** Test calls (evaluation runs) are left out unless asked for. */
    includeTests: z.boolean().default(false),
  })
  .refine((p) => new Date(p.from) < new Date(p.to), { message: "from must be before to", path: ["to"] })
  .refine(
    (p) => new Date(p.to).getTime() - new Date(p.from).getTime() <= MAX_PERIOD_DAYS[p.bucket] * 86_400_000,
    { message: "the period is too long for this bucket size", path: ["from"] },
  );

export type OverviewInput = z.infer<typeof overviewInput>;
