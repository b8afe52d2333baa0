import { koeVitestConfig } from "@koe/vitest-config";

// One cluster of processes per file, files one at a time (the machines have 2 cores); generous
// limits, as twenty calls through five processes share those cores with everything else.
export default koeVitestConfig({ fileParallelism: false, testTimeout: 900_000, hookTimeout: 300_000 });
