import { DEMO } from "@koe/db";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ApiHarness, PUBLIC_BASE_URL, startApiHarness } from "../../testing/api-harness.ts";

// Tuesday 2026-11-24 in Tokyo; the demo company calls out 10:00–19:00 on weekdays.
const TUESDAY_11 = new Date("2026-11-24T02:00:00Z");
const TUESDAY_20 = new Date("2026-11-24T11:00:00Z");
const SATURDAY_11 = new Date("2026-11-28T02:00:00Z");
const CUSTOMER = "+819033334444";

describe("calls.place", () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    // Every test starts with all lines free.
    await h.db.prisma.callSession.updateMany({
      where: { companyId: DEMO.companyId, status: { in: ["initiated", "ringing", "active"] } },
      data: { status: "completed" },
    });
    await h.db.prisma.company.update({ where: { id: DEMO.companyId }, data: { maxConcurrentCalls: 10 } });
    h.twilio.requests.length = 0;
  });
  const place = (now: Date, to = CUSTOMER) =>
    h.caller(h.users.operator, { now: () => now }).calls.place({ agentId: DEMO.agentId, to });
  const placed = async (now: Date) => {
    const result = await place(now);
    if (!result.placed) throw new Error(`expected the call to be placed, was refused: ${result.reason}`);
    return result;
  };

  it("has Twilio call the customer with the agent's webhook, status callbacks and machine detection", async () => {
    const call = await placed(TUESDAY_11);
    const [request] = h.twilio.callsCreated();
    expect(request).toMatchObject({
      accountSid: "ACtest",
      params: {
        To: CUSTOMER,
        From: DEMO.phoneNumber,
        Url: `${PUBLIC_BASE_URL}/api/twilio/voice?agentId=${DEMO.agentId}`,
        StatusCallback: `${PUBLIC_BASE_URL}/api/twilio/status`,
        MachineDetection: "Enable",
      },
    });
    const row = await h.db.prisma.callSession.findUniqueOrThrow({
      where: { id: call.callId },
      include: { customer: true },
    });
    expect(row).toMatchObject({
      callSid: call.callSid,
      direction: "outbound",
      status: "initiated",
      engine: null,
      fromNumber: DEMO.phoneNumber,
      toNumber: CUSTOMER,
    });
    expect(row.customer?.name).toBe("佐藤 花子");
    // The event that puts the ringing call on the live monitor.
    const events = await h.db.prisma.callEvent.findMany({ where: { callSessionId: call.callId } });
    expect(events).toMatchObject([{ type: "status", payload: { status: "initiated" } }]);
  });

  it("records who placed the call and shows their name on the call, to their company only", async () => {
    const { callId } = await placed(TUESDAY_11);
    const row = await h.db.prisma.callSession.findUniqueOrThrow({ where: { id: callId } });
    expect(row.placedByUserId).toBe(h.users.operator.id);

    const { call } = await h.caller(h.users.admin).calls.byId({ callId });
    expect(call.placedBy).toEqual({ id: h.users.operator.id, name: h.users.operator.name });
    // The agent version at the moment it was placed (the bridge records the one it answers with).
    expect(call.agentVersion).toBe(1);
    await expect(h.caller(h.users.otherAdmin).calls.byId({ callId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    // An inbound call was placed by nobody.
    const inbound = await h.caller(h.users.otherAdmin).calls.byId({ callId: h.other.callId });
    expect(inbound.call.placedBy).toBeNull();
  });

  it("refuses outside the company's calling hours (Japan time), without asking Twilio", async () => {
    await expect(place(TUESDAY_20)).resolves.toEqual({
      placed: false,
      reason: "outside_calling_hours",
      localTime: "20:00",
      today: { open: "10:00", close: "19:00" },
    });
    await expect(place(SATURDAY_11)).resolves.toMatchObject({
      placed: false,
      reason: "outside_calling_hours",
      today: null,
    });
    expect(h.twilio.requests).toEqual([]);
  });

  it("refuses above the concurrent-call cap, counting placements made at the same moment", async () => {
    await h.db.prisma.company.update({ where: { id: DEMO.companyId }, data: { maxConcurrentCalls: 2 } });
    const results = await Promise.all([place(TUESDAY_11), place(TUESDAY_11), place(TUESDAY_11)]);
    expect(results.filter((r) => r.placed)).toHaveLength(2);
    expect(results.find((r) => !r.placed)).toEqual({ placed: false, reason: "lines_busy", lines: 2 });
    expect(h.twilio.callsCreated()).toHaveLength(2);
  });

  it("says why when Twilio refuses, and frees the line", async () => {
    await h.db.prisma.company.update({ where: { id: DEMO.companyId }, data: { maxConcurrentCalls: 1 } });
    h.twilio.failWith = {
      status: 400,
      code: 21217,
      message: "Phone number is not a valid phone number",
      remaining: 1,
    };
    await expect(place(TUESDAY_11, "+819000000000")).rejects.toMatchObject({
      code: "BAD_GATEWAY",
      message: expect.stringContaining("Phone number is not a valid phone number"),
    });
    await expect(place(TUESDAY_11)).resolves.toMatchObject({ callSid: expect.stringMatching(/^CA/) });
  });

  it("refuses a number that is not E.164", async () => {
    await expect(place(TUESDAY_11, "090-3333-4444")).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
