import { setTimeout as sleep } from "node:timers/promises";
import type { PrismaClient } from "@koe/db";
import {
  analyzeCallPayloadSchema,
  type CallAnalysisResult,
  DEFAULT_ANALYSIS_MODEL,
  formatAnalysisTranscript,
  isAnalysisModel,
} from "@koe/shared";
import type { Task } from "graphile-worker";
import type OpenAI from "openai";
import type { Logger } from "../logger.ts";
import { analysisWithoutSpeech } from "./analysis-without-speech.ts";
import { analyzeTranscript, type TranscriptAnalysis } from "./analyze-transcript.ts";
import { type CallAnalysisInput, loadCallAnalysisInput } from "./call-analysis-input.ts";

export type AnalyzeCallDeps = {
  prisma: PrismaClient;
  /** null without OPENAI_API_KEY: calls with speech then fail, saying so, and wait for a retry. */
  openai: OpenAI | null;
  logger: Logger;
  /**
   * How long after a call's end its analysis starts: a realtime call's last transcription is
   * journaled a moment after the row ends (the hang-up grace).
   */
  settleMs: number;
};

/** Longest error text kept for the call detail page. */
const MAX_ERROR_CHARS = 500;

/**
 * graphile-worker task `analyze_call`: analyses one ended call and records the result once. The
 * queue may run a job again (a worker died after the write, a retry raced a slow attempt); the
 * write only lands on an analysis not yet completed, so the outcome and cost are recorded once.
 * A failure is recorded with its attempt number, then thrown so the queue retries with backoff;
 * the last attempt leaves the analysis `failed` until someone retries it.
 */
export function analyzeCallTask(deps: AnalyzeCallDeps): Task {
  return async (rawPayload, helpers) => {
    const { callSessionId } = analyzeCallPayloadSchema.parse(rawPayload);
    const { attempts, max_attempts: maxAttempts } = helpers.job;
    try {
      const done = await deps.prisma.callAnalysis.findUnique({
        where: { callSessionId },
        select: { status: true },
      });
      if (done?.status === "completed") return;
      const ended = await deps.prisma.callSession.findUnique({
        where: { id: callSessionId },
        select: { endedAt: true },
      });
      const waitMs = (ended?.endedAt?.getTime() ?? 0) + deps.settleMs - Date.now();
      if (waitMs > 0) await sleep(waitMs);
      const input = await loadCallAnalysisInput(deps.prisma, callSessionId);
      if (!input) return; // the call was deleted (its company removed): nothing to analyse
      const analysis = await analyse(deps, input);
      await recordAnalysis(deps.prisma, {
        callSessionId,
        companyId: input.call.companyId,
        attempts,
        ...analysis,
      });
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_CHARS);
      await deps.prisma.callAnalysis.updateMany({
        where: { callSessionId, status: { not: "completed" } },
        data: { attempts, lastError: message, status: attempts >= maxAttempts ? "failed" : "pending" },
      });
      deps.logger.warn({ callSessionId, attempts, maxAttempts, err: message }, "call analysis failed");
      throw error;
    }
  };
}

type Analysis = {
  result: CallAnalysisResult;
  model: string | null;
  transcriptAnalysis: TranscriptAnalysis | null;
};

async function analyse(deps: AnalyzeCallDeps, input: CallAnalysisInput): Promise<Analysis> {
  if (!input.items.some((item) => item.kind === "line" && item.role === "caller")) {
    return { result: analysisWithoutSpeech(input.facts), model: null, transcriptAnalysis: null };
  }
  if (!deps.openai) throw new Error("OPENAI_API_KEY が設定されていないため、通話を分析できません。");
  const model = isAnalysisModel(input.analysisModel) ? input.analysisModel : DEFAULT_ANALYSIS_MODEL;
  const transcriptAnalysis = await analyzeTranscript(
    deps.openai,
    model,
    formatAnalysisTranscript(input.facts, input.items),
  );
  return { result: transcriptAnalysis.result, model, transcriptAnalysis };
}

/** The analysis, the call's outcome and the added cost, in one transaction and only once. */
async function recordAnalysis(
  prisma: PrismaClient,
  record: Analysis & { callSessionId: string; companyId: string; attempts: number },
): Promise<void> {
  const { result, transcriptAnalysis } = record;
  const costUsd = transcriptAnalysis?.costUsd ?? 0;
  await prisma.$transaction(async (tx) => {
    const row = {
      status: "completed" as const,
      summary: result.summary,
      sentiment: result.sentiment,
      followUpNeeded: result.followUpNeeded,
      followUpItems: result.followUpItems,
      model: record.model,
      inputTokens: transcriptAnalysis?.usage.inputTokens ?? 0,
      cachedInputTokens: transcriptAnalysis?.usage.cachedInputTokens ?? 0,
      outputTokens: transcriptAnalysis?.usage.outputTokens ?? 0,
      costUsd,
      attempts: record.attempts,
      lastError: null,
      analyzedAt: new Date(),
    };
    // A call that ended before analyses existed has no row; a retry of it creates one.
    await tx.callAnalysis.createMany({
      data: [{ callSessionId: record.callSessionId, companyId: record.companyId }],
      skipDuplicates: true,
    });
    const { count } = await tx.callAnalysis.updateMany({
      where: { callSessionId: record.callSessionId, status: { not: "completed" } },
      data: row,
    });
    if (count === 0) return;
    await tx.callSession.update({
      where: { id: record.callSessionId },
      data: { outcome: result.outcome, costUsd: { increment: costUsd } },
    });
  });
}
