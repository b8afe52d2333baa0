import { DEMO, type Prisma, type PrismaClient } from "@koe/db";
import { testScenarioInputSchema } from "@koe/shared";

/** A booking the simulated agent makes for the 11th while the scenario expects the 18th: it cannot hold. */
export const WRONG_DATE = testScenarioInputSchema.parse({
  name: "日付違いの予約",
  callerNumber: "+819012345000",
  steps: [
    { speaker: "agent", say: "お電話ありがとうございます。ご用件をお話しください。" },
    { speaker: "caller", say: "三月十八日の十一時に予約したいです。名前は中村です。" },
    {
      speaker: "tool",
      name: "schedule_appointment",
      arguments: { date: "2027-03-11", time: "11:00", name: "中村" },
    },
    { speaker: "agent", say: "三月十一日の十一時でお取りしました。" },
  ],
  expectations: [
    { kind: "tool_called", tool: "schedule_appointment", arguments: { date: "2027-03-18" } },
    { kind: "appointment_created" },
    { kind: "handoff", requested: false },
  ],
});

/** Adds the scenario above to the demo agent. */
export function insertWrongDateScenario(prisma: PrismaClient) {
  return prisma.testScenario.create({
    data: {
      companyId: DEMO.companyId,
      agentId: DEMO.agentId,
      ...WRONG_DATE,
      steps: WRONG_DATE.steps as Prisma.InputJsonValue,
      expectations: WRONG_DATE.expectations as Prisma.InputJsonValue,
    },
  });
}
