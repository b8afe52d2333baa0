import { commonEnvShape, envPort, parseEnv } from "@koe/shared";
import { z } from "zod";

/** The bridge's environment, parsed once at start-up (DESIGN.md lists the names). */
export const bridgeEnvShape = {
  ...commonEnvShape,
  BRIDGE_PORT: envPort(8081),
  /** GA Realtime WebSocket endpoint; the bridge appends `?model=`. */
  OPENAI_REALTIME_URL: z.url().default("wss://api.openai.com/v1/realtime"),
  /** How long live calls may take to finish after SIGTERM before the process exits. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(30_000),
};

export type BridgeEnv = ReturnType<typeof readBridgeEnv>;

export function readBridgeEnv(source: NodeJS.ProcessEnv = process.env) {
  return parseEnv(bridgeEnvShape, {
    source,
    requiredInProduction: [
      "DATABASE_URL",
      "OPENAI_API_KEY",
      "TWILIO_ACCOUNT_SID",
      "TWILIO_AUTH_TOKEN",
      "PUBLIC_BASE_URL",
    ],
  });
}
