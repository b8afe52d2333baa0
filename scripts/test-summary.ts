// Sums up vitest's JSON reports into the one line CI reads: "N passed, N failed".
//   node scripts/test-summary.ts                 this run: every package's test-results/vitest.json
//   node scripts/test-summary.ts --archive NAME  moves this run's reports to .test-results/NAME/ (prints nothing)
//   node scripts/test-summary.ts --archived      every archived run together
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from "node:fs";
import { join } from "node:path";

type VitestReport = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { status: string; assertionResults: { status: string }[] }[];
};

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

function summarize(paths: string[]): string {
  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const path of paths) {
    const report = JSON.parse(readFileSync(path, "utf8")) as VitestReport;
    total.passed += report.numPassedTests;
    // A file that failed outside its tests (a hook timed out, an import threw) reports its tests as
    // skipped: count the file as one failure so the line never says 0 failed.
    const failedFiles = report.testResults.filter(
      (file) => file.status === "failed" && !file.assertionResults.some((t) => t.status === "failed"),
    ).length;
    total.failed += report.numFailedTests + failedFiles;
    total.skipped += report.numPendingTests + report.numTodoTests;
  }
  return `${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`;
}

const [flag, name] = process.argv.slice(2);
if (flag === "--archive") {
  if (!name) throw new Error("--archive needs a name");
  mkdirSync(join(ARCHIVE, name), { recursive: true });
  for (const report of currentReports()) renameSync(report.path, join(ARCHIVE, name, `${report.name}.json`));
} else if (flag === "--archived") {
  console.log(summarize(archivedReports()));
} else {
  console.log(summarize(currentReports().map((r) => r.path)));
}
