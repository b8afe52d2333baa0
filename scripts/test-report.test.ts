import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, it } from "vitest";
import { failureLines, totalsLine, type VitestReport } from "./test-report.ts";

const VITEST = new URL("../node_modules/.bin/vitest", import.meta.url).pathname;
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

/** Runs vitest on these test files, as a package's test script does, and reads its JSON report. */
async function vitestReport(files: Record<string, string>): Promise<{ dir: string; report: VitestReport }> {
  const dir = await mkdtemp(join(tmpdir(), "koe-test-report-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  const output = join(dir, "vitest.json");
  await promisify(execFile)(VITEST, [
    "run",
    "--root",
    dir,
    "--reporter=json",
    `--outputFile=${output}`,
  ]).catch(() => undefined);
  return { dir, report: JSON.parse(await readFile(output, "utf8")) as VitestReport };
}

it("counts the tests, and names each failure with the start of its message where a log's tail shows it", async () => {
  const { dir, report } = await vitestReport({
    "fine.test.ts": `import { it } from "vitest";\nit("passes", () => {});\nit.skip("waits", () => {});\n`,
    "wrong.test.ts": `import { describe, expect, it } from "vitest";\ndescribe("the sum", () => {\n  it("adds", () => {\n    expect(1 + 1, "one and one").toBe(3);\n  });\n});\n`,
    "hook.test.ts": `import { beforeAll, it } from "vitest";\nbeforeAll(() => {\n  throw new Error("no database\\nsecond line");\n});\nit("never runs", () => {});\n`,
  });
  // The file whose hook failed counts once, though its test reports as skipped.
  expect(totalsLine([report])).toBe("1 passed, 2 failed, 2 skipped");
  const lines = failureLines([report], dir);
  expect(lines).toHaveLength(2);
  const wrong = lines.find((line) => line.startsWith("✗ wrong"));
  const hook = lines.find((line) => line.startsWith("✗ hook"));
  expect(wrong).toMatch(
    /^✗ wrong\.test\.ts > the sum adds\n {4}AssertionError: one and one: expected 2 to be 3/,
  );
  // The test's own frame, and none of the runner's.
  expect(wrong).toContain("wrong.test.ts:4:");
  expect(wrong).not.toContain("@vitest");
  expect(hook).toBe("✗ hook.test.ts (outside its tests)\n    no database\n    second line");
});

it("points at the test's own line when a matcher's frames come first", async () => {
  const { dir, report } = await vitestReport({
    "shape.test.ts": `import { expect, it } from "vitest";\nit("has the shape", () => {\n  expect({ status: "live" }).toMatchObject({ status: "ended" });\n});\n`,
  });
  const [line] = failureLines([report], dir);
  expect(line).toMatch(/^✗ shape\.test\.ts > has the shape\n {4}AssertionError: /);
  expect(line).toContain("shape.test.ts:3:");
  expect(line).not.toContain("node_modules");
});
