import type { PrismaClient } from "@koe/db";
import type { TwilioRest } from "@koe/twilio";
import type { CallRegistry } from "./calls/call-registry.ts";
import type { BridgeEnv } from "./env.ts";
import type { CallJournal } from "./events/call-journal.ts";
import type { OperatorCache } from "./fallback/operator-cache.ts";
import type { BridgeMetrics } from "./http/metrics.ts";
import type { Logger } from "./logger.ts";
import type { ToolRegistry } from "./tools/tool-registry.ts";
import type { StreamTokens } from "./twilio/stream-token.ts";

/** Everything a bridge process shares between its calls and handlers. */
export type BridgeContext = {
  env: BridgeEnv;
  prisma: PrismaClient;
  journal: CallJournal;
  calls: CallRegistry;
  tokens: StreamTokens;
  tools: ToolRegistry;
  /** Each number's operator path as last read, for answering when the database is unreachable. */
  operators: OperatorCache;
  /** Twilio's REST API; null when Twilio credentials are not configured. */
  twilioRest: TwilioRest | null;
  metrics: BridgeMetrics;
  logger: Logger;
};
