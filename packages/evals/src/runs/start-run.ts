import type { Prisma, PrismaClient } from "@koe/db";
import {
  type EvalRunRequest,
  evalRunRequestSchema,
  expectationsSchema,
  scenarioStepsSchema,
} from "@koe/shared";
import { markInterruptedRuns, THIS_RUNNER } from "./interrupted-runs.ts";
import type { RunScenario } from "./run-scenario.ts";

export type EvalRefusalCode = "NOT_FOUND" | "CONFLICT" | "BAD_REQUEST";

/** Why a run cannot start, in Japanese, with the tRPC code the api answers with. */
export class EvalRefusal extends Error {
  readonly code: EvalRefusalCode;
  constructor(code: EvalRefusalCode, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * Creates a run of the company's agent (its current version unless `version` names another) over
 * the named scenarios (default: all), or refuses: no such agent, version or scenario, or another
 * run of the same agent still playing. The agent row is locked for the check and the insert, so
 * two starts at once cannot both pass. Runs whose player stopped renewing them are marked
 * interrupted first, so a crashed run does not block the agent forever.
 */
export async function startEvalRun(
  prisma: PrismaClient,
  companyId: string,
  request: EvalRunRequest,
  startedById: string | null = null,
) {
  const input = evalRunRequestSchema.parse(request);
  await markInterruptedRuns(prisma);
  return prisma.$transaction(async (tx) => {
    const [agent] = await tx.$queryRaw<{ id: string; currentVersionId: string | null }[]>`
      SELECT id, "currentVersionId" FROM "Agent"
      WHERE id = ${input.agentId}::uuid AND "companyId" = ${companyId}::uuid FOR UPDATE`;
    if (!agent) throw new EvalRefusal("NOT_FOUND", "エージェントが見つかりません。");
    const version = await tx.agentVersion.findFirst({
      where:
        input.version === undefined
          ? { id: agent.currentVersionId ?? "00000000-0000-0000-0000-000000000000" }
          : { agentId: agent.id, version: input.version },
      select: { id: true, version: true },
    });
    if (!version) {
      throw new EvalRefusal(
        "NOT_FOUND",
        input.version === undefined
          ? "このエージェントにはまだバージョンがありません。設定を保存してから実行してください。"
          : `バージョン ${input.version} はありません。`,
      );
    }
    const scenarios = await loadScenarios(tx, agent.id, input.scenarios);
    const running = await tx.evalRun.findFirst({
      where: { agentId: agent.id, status: "running" },
      select: { id: true, callsDone: true, callsPlanned: true },
    });
    if (running) {
      throw new EvalRefusal(
        "CONFLICT",
        `このエージェントの評価実行がすでに進行中です (${running.callsDone}/${running.callsPlanned} 通話)。終わってから開始してください。`,
      );
    }
    return tx.evalRun.create({
      data: {
        companyId,
        agentId: agent.id,
        agentVersionId: version.id,
        scenarios: scenarios as unknown as Prisma.InputJsonValue,
        callsPlanned: input.calls,
        concurrency: input.concurrency,
        startedById,
        runner: THIS_RUNNER,
      },
      select: { id: true, callsPlanned: true, concurrency: true },
    });
  });
}

async function loadScenarios(
  tx: Prisma.TransactionClient,
  agentId: string,
  names: string[] | undefined,
): Promise<RunScenario[]> {
  const rows = await tx.testScenario.findMany({
    where: { agentId, ...(names ? { name: { in: names } } : {}) },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, callerNumber: true, steps: true, expectations: true },
  });
  const missing = (names ?? []).filter((name) => !rows.some((row) => row.name === name));
  if (missing.length > 0)
    throw new EvalRefusal("NOT_FOUND", `テストシナリオ「${missing.join("」「")}」はありません。`);
  if (rows.length === 0)
    throw new EvalRefusal("BAD_REQUEST", "テストシナリオがありません。先にシナリオを作成してください。");
  return rows.map((row) => ({
    ...row,
    steps: scenarioStepsSchema.parse(row.steps),
    expectations: expectationsSchema.parse(row.expectations),
  }));
}
