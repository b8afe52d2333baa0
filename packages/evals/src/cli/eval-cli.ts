import { parseArgs } from "node:util";
import { createPrismaClient, migrate, openLocalDatabase, readDbEnv, seed } from "@koe/db";
import { type EvalRunSummary, evalRunSummarySchema } from "@koe/shared";
import cliProgress from "cli-progress";
import { markInterruptedRuns } from "../runs/interrupted-runs.ts";
import { playEvalRun } from "../runs/play-run.ts";
import { EvalRefusal, startEvalRun } from "../runs/start-run.ts";
import { startEvalStack } from "../stack/eval-stack.ts";

export const EVAL_USAGE = [
  "Usage: ./koe eval --agent <id or name> [--version <n>] [--scenario <name>…] [--calls 50] [--concurrency 5]",
  "",
  "Plays the agent's test scenarios as test calls through a bridge of its own, over the production",
  "path (signed voice webhook, TwiML, media stream), against the Realtime GA simulator (or OpenAI",
  "with OPENAI_API_KEY, the caller's lines then spoken by OpenAI's speech API), and stores the run",
  "in the database (DATABASE_URL, or the embedded one in .data/) where /evals shows it.",
  "",
  "Options:",
  "  --agent <id|name>      the agent (required)",
  "  --version <n>          the agent version to evaluate (default: its current one)",
  "  --scenario <name>      a test scenario to play; repeat for several (default: all of the agent's)",
  "  --calls <n>            how many calls (default 50)",
  "  --concurrency <n>      calls at once, at most (default 5)",
  "  --wav-dir <dir>        recorded caller lines: <dir>/<scenario>/<n>.wav, n counting caller lines from 1",
  "  -h, --help             this text",
  "",
  "Exit code: 0 when every expectation held, 1 when any failed, 2 when the run could not start.",
].join("\n");

export type EvalCliIo = {
  out(line: string): void;
  /** A terminal shows a live progress bar; otherwise one line per call. */
  tty: boolean;
  env: NodeJS.ProcessEnv;
};

/** `./koe eval`: returns the process's exit code. */
export async function runEvalCli(argv: string[], io: EvalCliIo): Promise<number> {
  let values: ReturnType<typeof parse>;
  try {
    values = parse(argv);
  } catch (error) {
    io.out(`${error instanceof Error ? error.message : String(error)}\n\n${EVAL_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(EVAL_USAGE);
    return 0;
  }
  const database = await openDatabase(io.env);
  const prisma = createPrismaClient(database.url, { maxConnections: 4 });
  try {
    await seed(prisma);
    await markInterruptedRuns(prisma);
    const agents = await prisma.agent.findMany({ select: { id: true, name: true, companyId: true } });
    const agent = agents.find((a) => a.id === values.agent || a.name === values.agent);
    if (!agent) {
      io.out(
        `エージェント「${values.agent ?? ""}」が見つかりません。--agent に次のいずれかを指定してください:\n${agents
          .map((a) => `  ${a.id}  ${a.name}`)
          .join("\n")}`,
      );
      return 2;
    }
    let run: Awaited<ReturnType<typeof startEvalRun>>;
    try {
      run = await startEvalRun(prisma, agent.companyId, {
        agentId: agent.id,
        ...(values.version ? { version: Number(values.version) } : {}),
        ...(values.scenario?.length ? { scenarios: values.scenario } : {}),
        calls: Number(values.calls),
        concurrency: Number(values.concurrency),
      });
    } catch (error) {
      io.out(error instanceof EvalRefusal ? error.message : `評価を開始できません: ${String(error)}`);
      return 2;
    }
    const stack = await startEvalStack({
      databaseUrl: database.url,
      openaiApiKey: io.env.OPENAI_API_KEY,
      openaiBaseUrl: io.env.OPENAI_BASE_URL,
      wavDir: values["wav-dir"],
    });
    const bar = io.tty
      ? new cliProgress.SingleBar(
          { format: "評価 [{bar}] {value}/{total} 通話 | 合格 {passed} | 不合格 {failed}", hideCursor: true },
          cliProgress.Presets.shades_classic,
        )
      : null;
    io.out(
      `${agent.name} の評価を開始します: ${run.callsPlanned} 通話、同時 ${run.concurrency} 回線 (run ${run.id})`,
    );
    bar?.start(run.callsPlanned, 0, { passed: 0, failed: 0 });
    const cpuBefore = await stack.bridge.cpuSeconds();
    const started = performance.now();
    try {
      await playEvalRun(
        {
          prisma,
          ...stack.deps,
          onProgress: (p) => {
            if (bar) bar.update(p.done, { passed: p.passed, failed: p.failed });
            else
              io.out(
                `${p.done}/${p.planned} ${p.call.passed ? "合格" : "不合格"} ${p.call.scenario} (合格 ${p.passed} / 不合格 ${p.failed})`,
              );
          },
        },
        run.id,
      );
    } finally {
      bar?.stop();
    }
    const wallSeconds = (performance.now() - started) / 1000;
    const bridgeCpu = (await stack.bridge.cpuSeconds()) - cpuBefore;
    await stack.close();
    const stored = await prisma.evalRun.findUniqueOrThrow({
      where: { id: run.id },
      select: {
        summary: true,
        calls: {
          where: { passed: false },
          orderBy: { index: "asc" },
          select: { index: true, scenarioName: true, results: true, error: true },
        },
      },
    });
    const summary = evalRunSummarySchema.parse(stored.summary);
    for (const line of report(summary, stored.calls, { wallSeconds, bridgeCpu })) io.out(line);
    return summary.failed === 0 ? 0 : 1;
  } finally {
    await prisma.$disconnect();
    await database.close();
  }
}

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      agent: { type: "string" },
      version: { type: "string" },
      scenario: { type: "string", multiple: true },
      calls: { type: "string", default: "50" },
      concurrency: { type: "string", default: "5" },
      "wav-dir": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  return values;
}

async function openDatabase(env: NodeJS.ProcessEnv) {
  const dbEnv = readDbEnv(env);
  if (dbEnv.DATABASE_URL) {
    await migrate(dbEnv.DATABASE_URL);
    return { url: dbEnv.DATABASE_URL, close: async () => {} };
  }
  const local = await openLocalDatabase(dbEnv.KOE_DATA_DIR);
  return { url: local.url, close: async () => local.server?.close() };
}

function report(
  summary: EvalRunSummary,
  failedCalls: { index: number; scenarioName: string; results: unknown; error: string | null }[],
  measured: { wallSeconds: number; bridgeCpu: number },
): string[] {
  const ms = (v: number | null) => (v === null ? "-" : `${v} ms`);
  const lines = [
    "",
    `合格 ${summary.passed} / ${summary.calls} 通話 (不合格 ${summary.failed})`,
    `応答遅延  P50 ${ms(summary.turnLatencyMs.p50)}  P95 ${ms(summary.turnLatencyMs.p95)}  P99 ${ms(summary.turnLatencyMs.p99)}  平均 ${ms(summary.turnLatencyMs.avg)}`,
    `最初の音声まで  平均 ${ms(summary.timeToFirstAudioMs.avg)}  P95 ${ms(summary.timeToFirstAudioMs.p95)}`,
    `文字起こし精度  ${summary.transcriptionAccuracy === null ? "-" : `${(summary.transcriptionAccuracy * 100).toFixed(1)}%`}`,
    `コスト  合計 $${summary.costUsd.total.toFixed(4)}  1通話あたり $${(summary.costUsd.perCall ?? 0).toFixed(4)}`,
    `所要時間 ${measured.wallSeconds.toFixed(1)} 秒、ブリッジの CPU ${measured.bridgeCpu.toFixed(2)} 秒`,
  ];
  for (const call of failedCalls) {
    const results = (call.results as { label: string; passed: boolean; reason: string }[]).filter(
      (r) => !r.passed,
    );
    lines.push(`✗ 通話 ${call.index + 1} ${call.scenarioName}${call.error ? `: ${call.error}` : ""}`);
    for (const result of results) lines.push(`    ${result.label}: ${result.reason}`);
  }
  return lines;
}
