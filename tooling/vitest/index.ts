import { defineConfig, type ViteUserConfig } from "vitest/config";

/**
 * Koe's test settings. Tests run against real databases and sockets, so time-outs are generous;
 * besides the console, every run writes `test-results/vitest.json`, which CI sums up.
 */
export function koeVitestConfig(overrides: ViteUserConfig["test"] = {}): ViteUserConfig {
  return defineConfig({
    test: {
      testTimeout: 60_000,
      hookTimeout: 60_000,
      reporters: ["default", "json"],
      outputFile: { json: "test-results/vitest.json" },
      ...overrides,
    },
  });
}
