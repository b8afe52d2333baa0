import { insertTestCall } from "@koe/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type BridgeHarness, startBridgeHarness } from "../testing/bridge-harness.ts";
import { gc } from "../testing/garbage-collector.ts";
import type { RealtimeCall } from "./realtime-call.ts";
import { startRealtimeCall } from "./start-realtime-call.ts";

let harness: BridgeHarness;
beforeAll(async () => {
  harness = await startBridgeHarness();
});
afterAll(() => harness.close());

it("keeps none of the rows a call was set up from for as long as it lasts, only what it uses", async () => {
  const row = await insertTestCall(harness.db.prisma);
  /** Starts the call as the voice webhook does, with the agent's whole row; only a weak reference to the row is kept here. */
  const start = async (): Promise<[RealtimeCall, WeakRef<object>]> => {
    const agent = await harness.db.prisma.agent.findFirstOrThrow({ include: { company: true } });
    const call = startRealtimeCall(harness.ctx, {
      operator: { phoneNumber: agent.company.operatorPhoneNumber, conferenceName: null },
      call: {
        id: row.id,
        callSid: row.callSid,
        companyId: row.companyId,
        agentId: agent.id,
        customerNumber: "+819012345678",
        isTest: false,
      },
      agent,
      companyName: agent.company.name,
      customerName: null,
    });
    return [call, new WeakRef(agent)];
  };
  const [call, agentRow] = await start();
  // A weak reference's target stays alive until the job that made it is over.
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  expect(harness.ctx.calls.get(row.callSid)).toBe(call);
  // Each live call held the agent's row (every setting, phrase and template) through its closures.
  expect(agentRow.deref()).toBeUndefined();
  call.end("caller_hung_up");
});
