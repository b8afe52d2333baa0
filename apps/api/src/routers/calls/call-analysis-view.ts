import type { Prisma } from "@koe/db";
import { ANALYSIS_MAX_ATTEMPTS } from "@koe/shared";
import { z } from "zod";

export const callAnalysisSelect = {
  status: true,
  summary: true,
  sentiment: true,
  followUpNeeded: true,
  followUpItems: true,
  model: true,
  costUsd: true,
  attempts: true,
  lastError: true,
  analyzedAt: true,
} satisfies Prisma.CallAnalysisSelect;

type CallAnalysisRow = Prisma.CallAnalysisGetPayload<{ select: typeof callAnalysisSelect }>;

const followUpItemsSchema = z.array(z.string()).catch([]);

/** The post-call analysis as call detail shows it; `maxAttempts` tells "retrying" from "failed". */
export function toCallAnalysisView(row: CallAnalysisRow) {
  return {
    ...row,
    followUpItems: followUpItemsSchema.parse(row.followUpItems),
    costUsd: row.costUsd.toNumber(),
    analyzedAt: row.analyzedAt?.toISOString() ?? null,
    maxAttempts: ANALYSIS_MAX_ATTEMPTS,
  };
}

export type CallAnalysisView = ReturnType<typeof toCallAnalysisView>;
