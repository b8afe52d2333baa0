import { afterEach, expect, it } from "vitest";
import { startTcpProxy, type TcpProxy } from "../testing/tcp-proxy.ts";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";
import { installJobQueueSchema, JOB_QUEUE_SCHEMA } from "./job-queue-schema.ts";

let db: TestDatabase | null = null;
let proxy: TcpProxy | null = null;
afterEach(async () => {
  await proxy?.close();
  await db?.close();
});

it("installs the queue and has closed every connection it opened by the time it returns", async () => {
  db = await createTestDatabase({ migrated: false });
  // Through a proxy, which sees the installer's connections close, and makes closing one slow.
  proxy = await startTcpProxy(db.url, { answerDelayMs: 200 });
  const uncaught: unknown[] = [];
  const record = (error: unknown) => uncaught.push(error);
  process.on("uncaughtException", record);
  try {
    await installJobQueueSchema(proxy.url);
    await new Promise((resolve) => setImmediate(resolve));
    // A connection still closing now would meet the end of its server (here, the database dropped
    // at once, as a test's clean-up does) with nobody listening: an uncaught error (57P01).
    expect(proxy.openConnections()).toBe(0);
    const queue = await db.prisma.$queryRaw<{ found: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ${JOB_QUEUE_SCHEMA}) AS found`;
    expect(queue[0]?.found).toBe(true);
    await db.close();
    db = null;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(uncaught).toEqual([]);
  } finally {
    process.off("uncaughtException", record);
  }
});
