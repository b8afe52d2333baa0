// Reads vitest's JSON reports: the totals CI reads, and what failed, said where a CI log's tail shows it.
import { relative } from "node:path";

export type VitestReport = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: {
    name: string;
    status: string;
    message: string;
    assertionResults: { fullName: string; status: string; failureMessages: string[] }[];
  }[];
};

/** A failure's message is kept to its first lines: enough to tell a flake from a defect. */
const MESSAGE_LINES = 6;
const MESSAGE_CHARS = 600;

/** A file that failed outside its tests (a hook timed out, an import threw) reports its tests as skipped. */
function failedOutsideTests(report: VitestReport) {
  return report.testResults.filter(
    (file) => file.status === "failed" && !file.assertionResults.some((t) => t.status === "failed"),
  );
}

export function totalsLine(reports: VitestReport[]): string {
  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const report of reports) {
    total.passed += report.numPassedTests;
    // Count such a file as one failure so the line never says 0 failed.
    total.failed += report.numFailedTests + failedOutsideTests(report).length;
    total.skipped += report.numPendingTests + report.numTodoTests;
  }
  return `${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`;
}

/**
 * The message and the test's own line: the first stack frame outside node_modules (an `expect`
 * matcher's frames come first), not vitest's and chai's frames.
 */
function excerpt(message: string): string {
  const lines = message.trim().split("\n");
  const frames = lines.filter((line) => /^\s+at /.test(line));
  const own = frames.find((frame) => !frame.includes("/node_modules/")) ?? frames[0];
  const text = lines
    .filter((line) => !/^\s+at /.test(line))
    .slice(0, MESSAGE_LINES)
    .concat(own ?? [])
    .map((line) => line.trim())
    .join("\n    ");
  return text.length > MESSAGE_CHARS ? `${text.slice(0, MESSAGE_CHARS)}…` : text;
}

/**
 * One entry per failed test or file: "✗ <file> > <test>" and the start of its message. (An error
 * outside any test fails vitest's run but not its report: only the run's own log shows it.)
 */
export function failureLines(reports: VitestReport[], root: string): string[] {
  const lines: string[] = [];
  for (const report of reports) {
    for (const file of report.testResults) {
      const path = relative(root, file.name);
      for (const test of file.assertionResults.filter((t) => t.status === "failed"))
        lines.push(`✗ ${path} > ${test.fullName}\n    ${excerpt(test.failureMessages.join("\n"))}`);
    }
    for (const file of failedOutsideTests(report))
      lines.push(`✗ ${relative(root, file.name)} (outside its tests)\n    ${excerpt(file.message)}`);
  }
  return lines;
}
