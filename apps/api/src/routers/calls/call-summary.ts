import { CallStatus, type Prisma } from "@koe/db";

/** Statuses of a call still in progress; the others are final. */
export const LIVE_STATUSES: CallStatus[] = [CallStatus.initiated, CallStatus.ringing, CallStatus.active];

export function isLive(status: CallStatus): boolean {
  return LIVE_STATUSES.includes(status);
}

export const callSummarySelect = {
  id: true,
  callSid: true,
  direction: true,
  fromNumber: true,
  toNumber: true,
  engine: true,
  status: true,
  startedAt: true,
  answeredAt: true,
  endedAt: true,
  durationSeconds: true,
  endReason: true,
  handoffAt: true,
  handoffBy: true,
  /** Why it was handed off, for the alert that tells operators the AI has transferred a caller. */
  handoffReason: true,
  costUsd: true,
  rating: true,
  /** From the post-call analysis; null until the call is analysed. */
  outcome: true,
  /** A test call of an evaluation run: shown like any call, marked テスト. */
  isTest: true,
  agent: { select: { id: true, name: true } },
  /** The caller's name when the number is a known customer's: simultaneous calls tell apart. */
  customer: { select: { name: true } },
} satisfies Prisma.CallSessionSelect;

type CallSummaryRow = Prisma.CallSessionGetPayload<{ select: typeof callSummarySelect }>;

/** One line of the call history and of the live monitor. */
export function toCallSummary(row: CallSummaryRow) {
  return {
    ...row,
    startedAt: row.startedAt.toISOString(),
    answeredAt: row.answeredAt?.toISOString() ?? null,
    endedAt: row.endedAt?.toISOString() ?? null,
    handoffAt: row.handoffAt?.toISOString() ?? null,
    costUsd: row.costUsd.toNumber(),
  };
}

export type CallSummary = ReturnType<typeof toCallSummary>;
