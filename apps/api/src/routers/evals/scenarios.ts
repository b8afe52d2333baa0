import { Prisma, type PrismaClient } from "@koe/db";
import { expectationsSchema, scenarioStepsSchema, type TestScenario } from "@koe/shared";
import { TRPCError } from "@trpc/server";

export const scenarioSelect = {
  id: true,
  agentId: true,
  name: true,
  description: true,
  callerNumber: true,
  steps: true,
  expectations: true,
  updatedAt: true,
} satisfies Prisma.TestScenarioSelect;

type ScenarioRow = Prisma.TestScenarioGetPayload<{ select: typeof scenarioSelect }>;

/** A stored scenario read back through the shared schemas (what the editor and the runner use). */
export function toScenarioView(row: ScenarioRow) {
  return {
    ...row,
    steps: scenarioStepsSchema.parse(row.steps),
    expectations: expectationsSchema.parse(row.expectations),
  };
}
export type ScenarioView = ReturnType<typeof toScenarioView>;

/** The company's scenario or NOT_FOUND (another company's is not revealed). */
export async function findScenario(prisma: PrismaClient, companyId: string, scenarioId: string) {
  const row = await prisma.testScenario.findFirst({
    where: { id: scenarioId, companyId },
    select: scenarioSelect,
  });
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "No such scenario." });
  return row;
}

export function scenarioData(scenario: TestScenario) {
  return {
    name: scenario.name,
    description: scenario.description,
    callerNumber: scenario.callerNumber,
    steps: scenario.steps as Prisma.InputJsonValue,
    expectations: scenario.expectations as Prisma.InputJsonValue,
  };
}

/** Runs a write, turning the (agent, name) unique key into a clear Japanese conflict. */
export async function withUniqueName<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new TRPCError({
        code: "CONFLICT",
        message: `「${name}」という名前のシナリオはすでにあります。別の名前にしてください。`,
      });
    }
    throw error;
  }
}
