import { EvalRefusal, startEvalRun } from "@koe/evals";
import { TRPCError, type TRPCRouterRecord } from "@trpc/server";
import { adminProcedure, protectedProcedure } from "../../trpc.ts";
import { findAgent } from "../sales-pitch/agents.ts";
import {
  agentInput,
  compareInput,
  createScenarioInput,
  runIdInput,
  scenarioIdInput,
  startRunInput,
  updateScenarioInput,
} from "./evals.types.ts";
import { rolloutGate } from "./rollout-gate.ts";
import { compareRuns, findRun, runCalls, runSelect, toRunView } from "./runs.ts";
import { findScenario, scenarioData, scenarioSelect, toScenarioView, withUniqueName } from "./scenarios.ts";

/**
 * Test scenarios (「テストシナリオ」) and evaluation runs: admins write scenarios per agent and
 * run them as test calls over the production path; everyone signed in sees them.
 */
export const evalsRouter = {
  /** The agent's scenarios, by name. */
  scenarios: protectedProcedure.input(agentInput).query(async ({ ctx, input }) => {
    await findAgent(ctx.prisma, ctx.user.companyId, input.agentId, { id: true });
    const rows = await ctx.prisma.testScenario.findMany({
      where: { agentId: input.agentId, companyId: ctx.user.companyId },
      orderBy: { createdAt: "asc" },
      select: scenarioSelect,
    });
    return rows.map(toScenarioView);
  }),

  createScenario: adminProcedure.input(createScenarioInput).mutation(async ({ ctx, input }) => {
    await findAgent(ctx.prisma, ctx.user.companyId, input.agentId, { id: true });
    const row = await withUniqueName(input.scenario.name, () =>
      ctx.prisma.testScenario.create({
        data: { companyId: ctx.user.companyId, agentId: input.agentId, ...scenarioData(input.scenario) },
        select: scenarioSelect,
      }),
    );
    return toScenarioView(row);
  }),

  updateScenario: adminProcedure.input(updateScenarioInput).mutation(async ({ ctx, input }) => {
    await findScenario(ctx.prisma, ctx.user.companyId, input.scenarioId);
    const row = await withUniqueName(input.scenario.name, () =>
      ctx.prisma.testScenario.update({
        where: { id: input.scenarioId },
        data: scenarioData(input.scenario),
        select: scenarioSelect,
      }),
    );
    return toScenarioView(row);
  }),

  deleteScenario: adminProcedure.input(scenarioIdInput).mutation(async ({ ctx, input }) => {
    await findScenario(ctx.prisma, ctx.user.companyId, input.scenarioId);
    await ctx.prisma.testScenario.delete({ where: { id: input.scenarioId } });
    return { deleted: input.scenarioId };
  }),

  /** What a run can be started with: the agent's versions (newest first) and scenarios. */
  runOptions: protectedProcedure.input(agentInput).query(async ({ ctx, input }) => {
    const agent = await findAgent(ctx.prisma, ctx.user.companyId, input.agentId, {
      currentVersion: { select: { version: true } },
    });
    const [versions, scenarios] = await Promise.all([
      ctx.prisma.agentVersion.findMany({
        where: { agentId: input.agentId },
        orderBy: { version: "desc" },
        select: { version: true, note: true, createdAt: true },
      }),
      ctx.prisma.testScenario.findMany({
        where: { agentId: input.agentId },
        orderBy: { createdAt: "asc" },
        select: { name: true },
      }),
    ]);
    return {
      currentVersion: agent.currentVersion?.version ?? null,
      versions,
      scenarios: scenarios.map((s) => s.name),
    };
  }),

  /** The agent's runs, newest first. */
  runs: protectedProcedure.input(agentInput).query(async ({ ctx, input }) => {
    await findAgent(ctx.prisma, ctx.user.companyId, input.agentId, { id: true });
    const rows = await ctx.prisma.evalRun.findMany({
      where: { agentId: input.agentId, companyId: ctx.user.companyId },
      orderBy: { startedAt: "desc" },
      take: 50,
      select: runSelect,
    });
    return rows.map(toRunView);
  }),

  /** One run with its finished calls (the SPA polls it while the run plays). */
  run: protectedProcedure.input(runIdInput).query(async ({ ctx, input }) => {
    const run = toRunView(await findRun(ctx.prisma, ctx.user.companyId, input.runId));
    return { ...run, calls: await runCalls(ctx.prisma, input.runId) };
  }),

  /**
   * Starts a run and plays it from this process. Refused (in Japanese) while another run of the
   * agent plays, for an unknown version or scenario, and where this api cannot reach a bridge.
   */
  startRun: adminProcedure.input(startRunInput).mutation(async ({ ctx, input }) => {
    await findAgent(ctx.prisma, ctx.user.companyId, input.agentId, { id: true });
    if (!ctx.evalRunner) {
      throw new TRPCError({
        code: "PRECONDITION_FAILED",
        message: "このサーバーでは評価を実行できません (PUBLIC_BASE_URL と TWILIO_AUTH_TOKEN が必要です)。",
      });
    }
    try {
      const run = await startEvalRun(ctx.prisma, ctx.user.companyId, input, ctx.user.id);
      ctx.evalRunner.play(run.id);
      return { runId: run.id };
    } catch (error) {
      if (error instanceof EvalRefusal) throw new TRPCError({ code: error.code, message: error.message });
      throw error;
    }
  }),

  /** Two runs of the company side by side: each figure with its difference, each expectation's pass rate. */
  compare: protectedProcedure.input(compareInput).query(async ({ ctx, input }) => {
    const [a, b] = await Promise.all([
      findRun(ctx.prisma, ctx.user.companyId, input.a).then(toRunView),
      findRun(ctx.prisma, ctx.user.companyId, input.b).then(toRunView),
    ]);
    if (!a.summary || !b.summary) {
      throw new TRPCError({
        code: "PRECONDITION_FAILED",
        message: "終了した評価実行どうしを比較してください。",
      });
    }
    return { a, b, ...compareRuns(a.summary, b.summary) };
  }),

  /** Each agent's current version against the targets, from its latest finished run. */
  rolloutGate: protectedProcedure.query(({ ctx }) => rolloutGate(ctx.prisma, ctx.user.companyId)),
} satisfies TRPCRouterRecord;
