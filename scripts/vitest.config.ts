import { koeVitestConfig } from "../tooling/vitest/index.ts";

// The repository's own scripts (run from the root by turbo's `//#test:scripts`).
export default koeVitestConfig({ include: ["scripts/**/*.test.ts"] });
