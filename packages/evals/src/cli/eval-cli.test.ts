import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO, seed } from "@koe/db";
import { createTestDatabase, type TestDatabase } from "@koe/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import wavefile from "wavefile";
import { THIS_RUNNER } from "../runs/interrupted-runs.ts";
import { insertWrongDateScenario } from "../testing/wrong-date-scenario.ts";
import { runEvalCli } from "./eval-cli.ts";

describe("./koe eval", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seed(db.prisma, { adminPassword: "eval-cli" });
    await insertWrongDateScenario(db.prisma);
  });
  afterAll(() => db?.close());

  async function evalCli(args: string[]) {
    const lines: string[] = [];
    const code = await runEvalCli(args, {
      out: (line) => lines.push(line),
      tty: false,
      env: { DATABASE_URL: db.url },
    });
    return { code, text: lines.join("\n") };
  }

  it("exits 0 when every expectation held", async () => {
    const { code, text } = await evalCli([
      "--agent",
      DEMO.agentId,
      "--scenario",
      "関係のない問い合わせ",
      "--calls",
      "1",
      "--concurrency",
      "1",
    ]);
    expect(text).toContain("1/1 合格 関係のない問い合わせ");
    expect(text).toContain("合格 1 / 1 通話 (不合格 0)");
    // The bridge's own CPU time, read from its metrics: a call costs it some.
    expect(text).toMatch(/ブリッジの CPU (?!0\.00 )\d+\.\d\d 秒/);
    expect(code).toBe(0);
  }, 120_000);

  it("plays recorded WAV caller lines through the bridge (--wav-dir)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "koe-eval-wav-"));
    await mkdir(join(dir, "関係のない問い合わせ"));
    for (const [line, seconds] of [
      [1, 2],
      [2, 2],
    ] as const) {
      const rate = 16_000;
      const voice = Int16Array.from({ length: rate * seconds }, (_, i) =>
        Math.round(
          10_000 *
            Math.sin((2 * Math.PI * 180 * i) / rate) *
            (0.6 + 0.4 * Math.sin((2 * Math.PI * 6 * i) / rate)),
        ),
      );
      const wav = new wavefile.WaveFile();
      wav.fromScratch(1, rate, "16", voice);
      await writeFile(join(dir, "関係のない問い合わせ", `${line}.wav`), wav.toBuffer());
    }
    const { code, text } = await evalCli([
      "--agent",
      DEMO.agentId,
      "--scenario",
      "関係のない問い合わせ",
      "--calls",
      "1",
      "--wav-dir",
      dir,
    ]);
    await rm(dir, { recursive: true, force: true });
    expect(text).toContain("合格 1 / 1 通話 (不合格 0)");
    expect(code).toBe(0);
  }, 120_000);

  it("exits 1 when an expectation failed, saying which and why", async () => {
    const { code, text } = await evalCli([
      "--agent",
      "受付エージェント",
      "--scenario",
      "日付違いの予約",
      "--calls",
      "1",
    ]);
    expect(text).toContain("✗ 通話 1 日付違いの予約");
    expect(text).toContain(
      "schedule_appointment が呼ばれる (date=2027-03-18): schedule_appointment は呼ばれましたが引数が違います",
    );
    expect(code).toBe(1);
  }, 120_000);

  it("exits 2 when the run cannot start: an unknown agent, or another run of the agent playing", async () => {
    const unknown = await evalCli(["--agent", "いない"]);
    expect(unknown.code).toBe(2);
    expect(unknown.text).toContain(`${DEMO.agentId}  受付エージェント`);

    const running = await db.prisma.evalRun.create({
      data: {
        companyId: DEMO.companyId,
        agentId: DEMO.agentId,
        agentVersionId:
          (await db.prisma.agent.findUniqueOrThrow({ where: { id: DEMO.agentId } })).currentVersionId ?? "",
        scenarios: [],
        callsPlanned: 5,
        concurrency: 1,
        runner: THIS_RUNNER,
      },
    });
    const refused = await evalCli(["--agent", DEMO.agentId, "--calls", "1"]);
    expect(refused).toEqual({
      code: 2,
      text: "このエージェントの評価実行がすでに進行中です (0/5 通話)。終わってから開始してください。",
    });
    await db.prisma.evalRun.delete({ where: { id: running.id } });
  });
});
