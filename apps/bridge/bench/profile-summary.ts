// The functions with the most self time in a V8 CPU profile (what `bridge-bench.ts --profile`
// writes), as a Markdown table: `node bench/profile-summary.ts <file.cpuprofile> [--top 15]
// [--from S --to S]` (seconds after the profile started: the bench's window, without start-up).
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { parseArgs } from "node:util";

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
};
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number };

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    top: { type: "string", default: "15" },
    from: { type: "string", default: "0" },
    to: { type: "string", default: "Infinity" },
  },
});
for (const file of positionals) {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<string, number>();
  let total = 0;
  let at = profile.startTime;
  const [from, to] = [Number(values.from) * 1e6, Number(values.to) * 1e6];
  profile.samples.forEach((id, i) => {
    const frame = byNode.get(id)?.callFrame;
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at - profile.startTime < from || at - profile.startTime > to) return;
    total += delta;
    if (!frame) return;
    const where = frame.url
      ? `${relative(process.cwd(), frame.url.replace(/^file:\/\//, ""))}:${frame.lineNumber + 1}`
      : "";
    const name = `${frame.functionName || "(anonymous)"} ${where}`.trim();
    selfUs.set(name, (selfUs.get(name) ?? 0) + delta);
  });
  const idle = selfUs.get("(idle)") ?? 0;
  console.log(
    `\n${file}: ${(total / 1e6).toFixed(1)} s sampled, ${((total - idle) / 1e6).toFixed(1)} s busy\n`,
  );
  console.log("| self % of busy | function |\n|---:|---|");
  const busy = [...selfUs].filter(([name]) => name !== "(idle)").sort((a, b) => b[1] - a[1]);
  for (const [name, us] of busy.slice(0, Number(values.top)))
    console.log(`| ${((us / (total - idle)) * 100).toFixed(1)} | \`${name}\` |`);
}
