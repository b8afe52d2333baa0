import { koeVitestConfig } from "@koe/vitest-config";

// One browser and one set of servers per file; files one at a time (the machines have 2 cores).
export default koeVitestConfig({ fileParallelism: false, testTimeout: 120_000, hookTimeout: 180_000 });
