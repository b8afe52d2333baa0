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
      // An `expect.poll` waits for a browser or a server under CI's load on two cores, not for
      // vitest's default second: a rollout change once took longer to show in the SPA.
      expect: { poll: { timeout: 15_000 } },
      reporters: ["default", "json"],
      outputFile: { json: "test-results/vitest.json" },
      ...overrides,
    },
  });
}
