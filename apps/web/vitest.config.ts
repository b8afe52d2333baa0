import { koeVitestConfig } from "@koe/vitest-config";

// Unit tests of the SPA's pure modules; the pages are tested in a real browser by apps/e2e.
export default koeVitestConfig({ include: ["src/**/*.test.ts"] });
