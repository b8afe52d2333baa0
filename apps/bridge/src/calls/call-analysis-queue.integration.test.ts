import { SCENARIOS, scenarioSchema } from "@koe/sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BridgeHarness, startBridgeHarness } from "../testing/bridge-harness.ts";

/** What the api's analysis worker will find once a call of either engine has ended. */
async function queuedAnalysis(bridge: BridgeHarness, callSessionId: string) {
  const [analysis, jobs] = await Promise.all([
    bridge.db.prisma.callAnalysis.findUnique({ where: { callSessionId } }),
    bridge.db.prisma.$queryRaw<{ task_identifier: string; max_attempts: number }[]>`
      SELECT task_identifier, max_attempts FROM graphile_worker.jobs
      WHERE key = ${`analyze_call:${callSessionId}`}`,
  ]);
  return { analysis, jobs };
}

describe.each([
  { engine: "realtime", env: {} },
  { engine: "legacy", env: { ENABLE_REALTIME_API: "false" } },
])("the end of a $engine call", ({ engine, env }) => {
  let bridge: BridgeHarness;
  beforeAll(async () => {
    bridge = await startBridgeHarness({ env });
  });
  afterAll(() => bridge.close());

  it("queues its post-call analysis once, with the end itself", async () => {
    const scenario =
      engine === "realtime"
        ? SCENARIOS.booking
        : scenarioSchema.parse({
            name: "legacy",
            description: "a question, then goodbye",
            steps: [
              { speaker: "caller", say: "営業時間を教えてください" },
              { speaker: "caller", say: "以上です、ありがとうございました" },
            ],
          });
    const result = await bridge.call(scenario);
    expect(result.error).toBeNull();
    const call = await bridge.endedCall(result.callSid);
    expect(call.engine).toBe(engine);
    expect(call.endedAt).not.toBeNull();
    const { analysis, jobs } = await queuedAnalysis(bridge, call.id);
    expect(analysis).toMatchObject({ status: "pending", companyId: call.companyId, attempts: 0 });
    expect(jobs).toEqual([{ task_identifier: "analyze_call", max_attempts: 3 }]);
  });
});
