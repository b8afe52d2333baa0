import type { ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { callEventPayloadSchemas } from "@koe/shared";
import type { z } from "zod";
import type { SessionUser } from "../auth/session-user.ts";
import type { CallSummary } from "../routers/calls/call-summary.ts";
import { historyInput } from "../routers/calls/calls.types.ts";
import { callHistory } from "../routers/calls/history.ts";
import type { ApiServices } from "../trpc.ts";
import { csvRecord, UTF8_BOM } from "./csv.ts";

/** `GET /api/calls/export.csv?filter=<the history's filter as JSON>`: the filtered history. */
export const HISTORY_EXPORT_PATH = "/api/calls/export.csv";
/** `GET /api/calls/<callId>/transcript.txt`: what was said in one call. */
export const TRANSCRIPT_EXPORT_PATH = /^\/api\/calls\/([0-9a-f-]{36})\/transcript\.txt$/;

/** Rows read per query: the export's memory stays at one batch, however many rows it has. */
export const EXPORT_BATCH = 100;

type Services = Pick<ApiServices, "prisma">;
type HistoryFilter = z.infer<typeof historyInput>;

function reply(res: ServerResponse, status: number, error: string): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ error }));
}

/** Exports are for the company's admins and operators. */
function mayExport(user: SessionUser | null): user is SessionUser {
  return user !== null && (user.role === "admin" || user.role === "operator");
}

async function companyOf(services: Services, companyId: string) {
  return services.prisma.company.findUniqueOrThrow({
    where: { id: companyId },
    select: { timeZone: true, usdJpyRate: true },
  });
}

/** 2026-12-01 09:05:00 in the company's time zone. */
function localTime(timeZone: string): (iso: string | Date) => string {
  const format = new Intl.DateTimeFormat("sv-SE", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
  return (at) => format.format(new Date(at));
}

async function stream(res: ServerResponse, headers: Record<string, string>, body: AsyncIterable<string>) {
  res.writeHead(200, { ...headers, "cache-control": "private, no-store" });
  // pipeline waits on the response's backpressure: one batch in memory at a time.
  await pipeline(Readable.from(body), res);
}

const CSV_HEADER = [
  "通話ID",
  "開始日時",
  "方向",
  "発信元",
  "着信先",
  "お客様",
  "エージェント",
  "バージョン",
  "エンジン",
  "状態",
  "通話時間(秒)",
  "終了理由",
  "転送",
  "結果",
  "費用(円)",
  "費用(USD)",
  "評価",
];

/**
 * The call history as CSV, filtered exactly as the history page is: the filter is the history's
 * own input schema, and the rows come from the history's own query, page by page along its keyset
 * cursor, so a filter added to the history applies here too.
 */
export async function serveHistoryCsv(
  services: Services,
  user: SessionUser | null,
  url: URL,
  res: ServerResponse,
): Promise<void> {
  if (!user) return reply(res, 401, "Sign in first.");
  if (!mayExport(user)) return reply(res, 403, "Only admins and operators may export.");
  let filter: HistoryFilter;
  try {
    const parsed = historyInput.safeParse({
      ...JSON.parse(url.searchParams.get("filter") ?? "{}"),
      cursor: null,
    });
    if (!parsed.success) return reply(res, 400, `Invalid filter: ${parsed.error.message}`);
    filter = { ...parsed.data, limit: EXPORT_BATCH };
  } catch {
    return reply(res, 400, "The filter must be JSON.");
  }
  const companyId = user.companyId;
  const company = await companyOf(services, companyId);
  const at = localTime(company.timeZone);
  const rate = company.usdJpyRate.toNumber();
  async function* rows() {
    yield UTF8_BOM + csvRecord(CSV_HEADER);
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof callHistory>> = await callHistory(services.prisma, companyId, {
        ...filter,
        cursor,
      });
      const extra = await callExtras(services, companyId, page.calls);
      yield page.calls.map((call) => csvRecord(csvRow(call, extra.get(call.id), at, rate))).join("");
      cursor = page.nextCursor;
    } while (cursor);
  }
  const day = at(new Date()).slice(0, 10);
  await stream(
    res,
    {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="koe-calls-${day}.csv"`,
    },
    rows(),
  );
}

/** What the history's rows do not carry: the outcome and the agent version. */
async function callExtras(services: Services, companyId: string, calls: CallSummary[]) {
  const rows = await services.prisma.callSession.findMany({
    where: { companyId, id: { in: calls.map((c) => c.id) } },
    select: { id: true, outcome: true, agentVersion: { select: { version: true } } },
  });
  return new Map(rows.map((r) => [r.id, { outcome: r.outcome, version: r.agentVersion?.version ?? null }]));
}

function csvRow(
  call: CallSummary,
  extra: { outcome: string | null; version: number | null } | undefined,
  at: (iso: string) => string,
  usdJpyRate: number,
) {
  return [
    call.id,
    at(call.startedAt),
    call.direction,
    call.fromNumber,
    call.toNumber,
    call.customer?.name ?? null,
    call.agent?.name ?? null,
    extra?.version ?? null,
    call.engine,
    call.status,
    call.durationSeconds,
    call.endReason,
    call.handoffAt ? at(call.handoffAt) : null,
    extra?.outcome ?? null,
    Math.round(call.costUsd * usdJpyRate * 100) / 100,
    call.costUsd,
    call.rating,
  ];
}

const SPEAKER = { caller: "お客様", agent: "エージェント" } as const;

/** A call's transcript as plain text, a line per utterance, read from the event log in batches. */
export async function serveTranscriptText(
  services: Services,
  user: SessionUser | null,
  callId: string,
  res: ServerResponse,
): Promise<void> {
  if (!user) return reply(res, 401, "Sign in first.");
  if (!mayExport(user)) return reply(res, 403, "Only admins and operators may export.");
  const found = await services.prisma.callSession.findFirst({
    where: { id: callId, companyId: user.companyId },
    select: { startedAt: true, fromNumber: true, toNumber: true, agent: { select: { name: true } } },
  });
  // Another company's call is a plain 404, like a missing one.
  if (!found) return reply(res, 404, "No such call.");
  const call = found;
  const company = await companyOf(services, user.companyId);
  const at = localTime(company.timeZone);
  async function* lines() {
    yield `通話 ${callId}\r\n開始 ${at(call.startedAt)} (${company.timeZone})\r\n`;
    yield `${call.fromNumber} → ${call.toNumber}${call.agent ? ` / ${call.agent.name}` : ""}\r\n\r\n`;
    let after: bigint | null = null;
    for (;;) {
      const events: { id: bigint; occurredAt: Date; payload: unknown }[] =
        await services.prisma.callEvent.findMany({
          where: {
            callSessionId: callId,
            type: "transcript",
            ...(after === null ? {} : { id: { gt: after } }),
          },
          orderBy: { id: "asc" },
          take: EXPORT_BATCH,
          select: { id: true, occurredAt: true, payload: true },
        });
      if (events.length === 0) return;
      yield events
        .map((event) => {
          const line = callEventPayloadSchemas.transcript.safeParse(event.payload);
          if (!line.success) return "";
          return `[${at(event.occurredAt).slice(11)}] ${SPEAKER[line.data.role]}: ${line.data.text}\r\n`;
        })
        .join("");
      after = events.at(-1)?.id ?? null;
    }
  }
  await stream(
    res,
    {
      "content-type": "text/plain; charset=utf-8",
      "content-disposition": `attachment; filename="koe-transcript-${callId}.txt"`,
    },
    lines(),
  );
}
