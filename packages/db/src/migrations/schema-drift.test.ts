import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";
import { findSchemaDrift, loadDatamodel } from "./schema-drift.ts";

const datamodel = loadDatamodel();

describe("migrations match the Prisma schema", () => {
  let db: TestDatabase;
  let client: pg.Client;
  beforeAll(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await db.close();
  });

  it("has every model, column, type, nullability, default, key, index and enum of the schema", async () => {
    expect(await findSchemaDrift(client, datamodel)).toEqual([]);
  });

  it("covers the whole schema", () => {
    const names = datamodel.models.map((m) => m.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "Company",
        "User",
        "Agent",
        "RolloutConfig",
        "AuditLog",
        "CallSession",
        "CallEvent",
        "Customer",
        "Appointment",
      ]),
    );
  });

  // The check itself must catch what a hand-written migration gets wrong. Each change runs in a
  // transaction that is rolled back, so the database stays as migrated.
  it.each([
    [`ALTER TABLE "CallSession" DROP COLUMN "streamSid"`, "column CallSession.streamSid is missing"],
    [
      `ALTER TABLE "CallSession" ALTER COLUMN "fromNumber" DROP NOT NULL`,
      "column CallSession.fromNumber is nullable, schema says required",
    ],
    [
      `ALTER TABLE "Appointment" ALTER COLUMN "time" TYPE VARCHAR(8)`,
      "column Appointment.time is varchar(8), schema says varchar(5)",
    ],
    [
      `ALTER TABLE "CallEvent" ALTER COLUMN "occurredAt" DROP DEFAULT`,
      "column CallEvent.occurredAt has no DEFAULT, schema says otherwise",
    ],
    [
      `DROP INDEX "Customer_companyId_phoneNumber_key"`,
      "unique index on Customer(companyId, phoneNumber) is missing",
    ],
    [
      `DROP INDEX "CallSession_companyId_startedAt_idx"`,
      "normal index on CallSession(companyId, startedAt DESC) is missing",
    ],
    [
      `ALTER TABLE "CallEvent" DROP CONSTRAINT "CallEvent_callSessionId_fkey"`,
      "foreign key CallEvent(callSessionId) → CallSession ON DELETE Cascade is missing",
    ],
    [
      `ALTER TABLE "Customer" ADD COLUMN "nickname" TEXT`,
      "column Customer.nickname exists but no field maps to it",
    ],
    [
      `ALTER TYPE "CallStatus" ADD VALUE 'on_hold'`,
      `enum "CallStatus" has (initiated, ringing, active, completed, busy, no_answer, failed, canceled, interrupted, on_hold), schema says (initiated, ringing, active, completed, busy, no_answer, failed, canceled, interrupted)`,
    ],
    [`DROP TABLE "VoicePreview"`, `table "VoicePreview" (model VoicePreview) is missing`],
  ])("reports drift after %s", async (change, report) => {
    await client.query("BEGIN");
    try {
      await client.query(change);
      expect(await findSchemaDrift(client, datamodel)).toContain(report);
    } finally {
      await client.query("ROLLBACK");
    }
  });
});
