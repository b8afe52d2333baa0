import { randomBytes } from "node:crypto";
import { DEMO, seed } from "@koe/db";
import { createTestDatabase, demoCompany, insertTestCall, type TestDatabase } from "@koe/db/testing";
import { FakeTwilioRest } from "@koe/sim";
import { createTwilioRest } from "@koe/twilio";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallJournal } from "../events/call-journal.ts";
import { createBridgeMetrics } from "../http/metrics.ts";
import { createProductionTools } from "./production-tools.ts";
import { parseToolArguments, type ToolRegistry } from "./tool-registry.ts";

const NOW = new Date("2026-11-24T01:00:00Z"); // Tuesday 10:00 in Tokyo
const OTHER_COMPANY = "00000000-0000-4000-8000-0000000000b3";

describe("the production tools against the database", () => {
  let db: TestDatabase;
  let twilio: FakeTwilioRest;
  let tools: ToolRegistry;
  let journal: CallJournal;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seed(db.prisma, { adminPassword: "tools-admin" });
    twilio = await FakeTwilioRest.start();
    journal = new CallJournal(db.prisma, pino({ level: "silent" }), { flushIntervalMs: 10 });
    tools = createProductionTools({
      prisma: db.prisma,
      journal,
      twilioRest: createTwilioRest({
        TWILIO_ACCOUNT_SID: "ACtest",
        TWILIO_AUTH_TOKEN: "t",
        TWILIO_API_BASE_URL: twilio.url,
      }),
      metrics: createBridgeMetrics(),
      logger: pino({ level: "silent" }),
      now: () => NOW,
    });
    // Another tenant with a customer on a number the demo company does not know, and one it shares.
    await db.prisma.company.create({
      data: {
        id: OTHER_COMPANY,
        name: "他社株式会社",
        businessHours: demoCompany.businessHours,
        callingHours: demoCompany.callingHours,
        customers: {
          create: [
            { phoneNumber: "+819099998888", name: "他社 顧客", notes: "他社の機密メモ" },
            { phoneNumber: "+819033334444", name: "他社の佐藤", notes: "他社の機密メモ" },
          ],
        },
      },
    });
  });
  afterAll(async () => {
    await journal.drain();
    await twilio.close();
    await db.close();
  });

  async function demoCall(customerNumber = "+819011112222") {
    // A CallSid as Twilio writes them: the fake REST API finds the call by it.
    const row = await insertTestCall(db.prisma, {
      callSid: `CA${randomBytes(16).toString("hex")}`,
      fromNumber: customerNumber,
      status: "active",
    });
    return {
      callSid: row.callSid,
      callSessionId: row.id,
      companyId: DEMO.companyId,
      agentId: DEMO.agentId,
      customerNumber,
      isTest: false,
      leavingAs: () => () => {},
    };
  }

  it("offers the three functions to the model with JSON schemas", () => {
    expect(tools.sessionTools().map((t) => t.name)).toEqual([
      "request_operator_handoff",
      "get_customer_info",
      "schedule_appointment",
    ]);
  });

  describe("get_customer_info", () => {
    it("reads the caller's own company only", async () => {
      const call = await demoCall("+819033334444");
      const own = await tools.run("get_customer_info", parseToolArguments("{}"), call);
      expect(own).toMatchObject({ ok: true, output: { found: true, name: "佐藤 花子" } });
      expect(JSON.stringify(own)).not.toContain("他社");
      const elsewhere = await tools.run(
        "get_customer_info",
        parseToolArguments('{"phone_number":"+819099998888"}'),
        call,
      );
      expect(elsewhere).toEqual({
        ok: true,
        output: {
          found: false,
          phoneNumber: "+819099998888",
          message: "この電話番号のお客様は登録されていません。",
        },
      });
    });

    it("refuses a number that is not E.164", async () => {
      const outcome = await tools.run(
        "get_customer_info",
        parseToolArguments('{"phone_number":"090-1234-5678"}'),
        await demoCall(),
      );
      expect(outcome).toMatchObject({ ok: false, error: expect.stringContaining("E.164") });
    });
  });

  describe("schedule_appointment", () => {
    const book = (
      call: Awaited<ReturnType<typeof demoCall>>,
      date: string,
      time: string,
      name = "山田太郎",
    ) => tools.run("schedule_appointment", parseToolArguments(JSON.stringify({ date, time, name })), call);

    it("texts the confirmation from a real call only, never from an evaluation run's test call", async () => {
      await db.prisma.company.update({
        where: { id: DEMO.companyId },
        data: { smsConfirmationEnabled: true },
      });
      try {
        const before = twilio.messages().length;
        const test = await book(
          { ...(await demoCall("+819011113333")), isTest: true },
          "2026-12-03",
          "11:00",
        );
        expect(test).toMatchObject({ ok: true, output: { booked: true, smsSent: false } });
        expect(twilio.messages()).toHaveLength(before);
        const real = await book(await demoCall("+819011114444"), "2026-12-03", "14:00");
        expect(real).toMatchObject({ ok: true, output: { booked: true, smsSent: true } });
        expect(twilio.messages()).toHaveLength(before + 1);
      } finally {
        await db.prisma.company.update({
          where: { id: DEMO.companyId },
          data: { smsConfirmationEnabled: false },
        });
      }
    });

    it("is idempotent for the same call and arguments, and refuses the slot to anyone else", async () => {
      const call = await demoCall();
      const first = await book(call, "2026-12-02", "10:00");
      const again = await book(call, "2026-12-02", "10:00");
      expect(first).toMatchObject({ ok: true, output: { booked: true } });
      expect(again).toMatchObject({ ok: true, output: { alreadyBooked: true } });
      expect(first.ok && again.ok && (first.output as { appointmentId: string }).appointmentId).toBe(
        again.ok && (again.output as { appointmentId: string }).appointmentId,
      );
      const other = await book(await demoCall("+818055556666"), "2026-12-02", "10:00", "鈴木一郎");
      expect(other).toMatchObject({ ok: false, error: expect.stringContaining("すでに別のご予約") });
      expect(
        await db.prisma.appointment.count({ where: { time: "10:00", date: new Date("2026-12-02") } }),
      ).toBe(1);
    });

    it("books a new caller as a customer of the company", async () => {
      const call = await demoCall("+817011110000");
      expect(await book(call, "2026-12-03", "11:30", "新規花子")).toMatchObject({ ok: true });
      const customer = await db.prisma.customer.findUniqueOrThrow({
        where: { companyId_phoneNumber: { companyId: DEMO.companyId, phoneNumber: "+817011110000" } },
      });
      expect(customer.name).toBe("新規花子");
    });

    it("refuses the past, closed days and hours outside business hours, in Japanese", async () => {
      const call = await demoCall();
      expect(await book(call, "2026-11-24", "09:30")).toMatchObject({
        ok: false,
        error: expect.stringContaining("すでに過ぎています"),
      });
      expect(await book(call, "2026-11-29", "11:00")).toMatchObject({
        ok: false,
        error: expect.stringContaining("日曜日は定休日"),
      });
      expect(await book(call, "2026-11-28", "16:00")).toMatchObject({
        ok: false,
        error: expect.stringContaining("土曜日の営業時間は 10:00〜15:00"),
      });
      expect(await book(call, "2026-12-01", "25:00")).toMatchObject({
        ok: false,
        error: expect.stringContaining("Invalid arguments"),
      });
    });
  });

  describe("request_operator_handoff", () => {
    it("tells the model when no operator is configured, and never calls Twilio", async () => {
      await db.prisma.company.update({ where: { id: DEMO.companyId }, data: { operatorPhoneNumber: null } });
      const before = twilio.requests.length;
      const outcome = await tools.run(
        "request_operator_handoff",
        parseToolArguments('{"reason":"担当者希望"}'),
        await demoCall(),
      );
      await db.prisma.company.update({
        where: { id: DEMO.companyId },
        data: { operatorPhoneNumber: demoCompany.operatorPhoneNumber },
      });
      expect(outcome).toMatchObject({
        ok: false,
        error: expect.stringContaining("転送先が設定されていない"),
      });
      expect(twilio.requests.length).toBe(before);
    });

    it("redirects a real call through Twilio, and records a test call's handoff as done without asking Twilio", async () => {
      const handOff = (call: Awaited<ReturnType<typeof demoCall>>) =>
        tools.run("request_operator_handoff", parseToolArguments('{"reason":"担当者希望"}'), call);
      const test = { ...(await demoCall()), isTest: true };
      expect(await handOff(test)).toMatchObject({ ok: true, output: { transferred: true } });
      expect(twilio.callUpdates(test.callSid)).toHaveLength(0);
      await journal.drain();
      expect(
        await db.prisma.callSession.findUniqueOrThrow({ where: { id: test.callSessionId } }),
      ).toMatchObject({ handoffBy: "ai", handoffReason: "担当者希望" });
      const real = await demoCall();
      expect(await handOff(real)).toMatchObject({ ok: true, output: { transferred: true } });
      expect(twilio.callUpdates(real.callSid)).toHaveLength(1);
    });
  });
});
