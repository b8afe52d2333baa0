import type { TRPCRouterRecord } from "@trpc/server";
import { adminProcedure, protectedProcedure } from "../../trpc.ts";
import { findAgent } from "../sales-pitch/agents.ts";
import {
  agentInput,
  createScenarioInput,
  scenarioIdInput,
  updateScenarioInput,
} from "./evals.types.ts";
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
} satisfies TRPCRouterRecord;
