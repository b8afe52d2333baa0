// Sums up vitest's JSON reports into the one line CI reads: "N passed, N failed", after a line per
// failure (a CI log is often read from its tail).
//   node scripts/test-summary.ts                 this run: every package's test-results/vitest.json
//   node scripts/test-summary.ts --archive NAME  moves this run's reports to .test-results/NAME/ (prints nothing)
//   node scripts/test-summary.ts --archived      every archived run together
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import { failureLines, totalsLine, type VitestReport } from "./test-report.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const ARCHIVE = join(ROOT, ".test-results");

function currentReports(): { name: string; path: string }[] {
  const packages = ["apps", "packages"].flatMap((group) =>
    readdirSync(join(ROOT, group)).map((name) => ({
      name: `${group}-${name}`,
      path: join(ROOT, group, name, "test-results", "vitest.json"),
    })),
  );
  // The root's own scripts (scripts/*.test.ts) report beside the packages.
  const root = { name: "scripts", path: join(ROOT, "test-results", "vitest.json") };
  return [...packages, root].filter((r) => existsSync(r.path));
}

function archivedReports(): string[] {
  if (!existsSync(ARCHIVE)) return [];
  return readdirSync(ARCHIVE, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".json"))
    .map((f) => join(ARCHIVE, f));
}

function summarize(files: string[]): void {
  const reports = files.map((file) => JSON.parse(readFileSync(file, "utf8")) as VitestReport);
  for (const line of failureLines(reports, ROOT)) console.log(line);
  console.log(totalsLine(reports));
}

const [flag, name] = process.argv.slice(2);
if (flag === "--archive") {
  if (!name) throw new Error("--archive needs a name");
  mkdirSync(join(ARCHIVE, name), { recursive: true });
  for (const report of currentReports()) renameSync(report.path, join(ARCHIVE, name, `${report.name}.json`));
} else if (flag === "--archived") {
  summarize(archivedReports());
} else {
  summarize(currentReports().map((r) => r.path));
}
