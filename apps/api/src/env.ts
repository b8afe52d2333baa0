import { commonEnvShape, envPort, parseEnv } from "@koe/shared";

/** The api's environment, parsed once at start-up (DESIGN.md lists the names). */
export const apiEnvShape = {
  ...commonEnvShape,
  API_PORT: envPort(8080),
};

export type ApiEnv = ReturnType<typeof readApiEnv>;

export function readApiEnv(source: NodeJS.ProcessEnv = process.env) {
  return parseEnv(apiEnvShape, {
    source,
    requiredInProduction: ["DATABASE_URL", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "PUBLIC_BASE_URL"],
  });
}
