import { describe, expect, it } from "vitest";
import { commonEnvShape, envPort, parseEnv } from "./env-schema.ts";

const shape = { ...commonEnvShape, API_PORT: envPort(8080) };

describe("parseEnv", () => {
  it("gives local development working defaults with nothing set", () => {
    const env = parseEnv(shape, { requiredInProduction: ["OPENAI_API_KEY"], source: {} });
    expect(env).toMatchObject({ NODE_ENV: "development", API_PORT: 8080, ENABLE_REALTIME_API: false });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("reads the kill switch and treats blank values as unset", () => {
    const env = parseEnv(shape, {
      requiredInProduction: [],
      source: { ENABLE_REALTIME_API: "true", OPENAI_API_KEY: " " },
    });
    expect(env.ENABLE_REALTIME_API).toBe(true);
    expect(env.OPENAI_API_KEY).toBeUndefined();
  });

  it("names every variable production lacks", () => {
    expect(() =>
      parseEnv(shape, {
        requiredInProduction: ["OPENAI_API_KEY", "DATABASE_URL"],
        source: { NODE_ENV: "production" },
      }),
    ).toThrow("Missing environment for production: OPENAI_API_KEY, DATABASE_URL");
  });

  it("rejects malformed values with the variable's name", () => {
    expect(() => parseEnv(shape, { requiredInProduction: [], source: { API_PORT: "eighty" } })).toThrow(
      /API_PORT/,
    );
  });
});
