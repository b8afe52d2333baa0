import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = new URL("../", import.meta.url).pathname;
const tracked = execFileSync("git", ["ls-files"], { cwd: ROOT, encoding: "utf8" })
  .split("\n")
  .filter(Boolean);

describe("documents the code refers to", () => {
  it("exist: every *.md a source file names is in the repository", () => {
    const missing: string[] = [];
    for (const file of tracked.filter((f) => /\.(ts|tsx|sh)$/.test(f) || f === "koe")) {
      for (const [name] of readFileSync(join(ROOT, file), "utf8").matchAll(/[\w./-]+\.md\b/g)) {
        const found = [join(ROOT, name), join(ROOT, dirname(file), name)].some((p) => existsSync(p));
        if (!found) missing.push(`${file}: ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe("scripts/ensure-chromium.sh", () => {
  // As root the script would install; dropping to nobody tries the branch a newcomer without sudo meets.
  it.runIf(process.getuid?.() === 0)(
    "stops with one line saying what to install when it cannot install",
    () => {
      const run = spawnSync(
        "setpriv",
        [
          "--reuid=nobody",
          "--regid=nogroup",
          "--clear-groups",
          "bash",
          join(ROOT, "scripts/ensure-chromium.sh"),
        ],
        { encoding: "utf8", env: { ...process.env, CHROMIUM_PATH: "/nonexistent/chromium" } },
      );
      expect(run.status).toBe(1);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).toContain("sudo apt-get install -y chromium fonts-noto-cjk");
    },
  );
});
