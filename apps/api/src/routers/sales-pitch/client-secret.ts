import type { PrismaClient } from "@koe/db";
import {
  buildSessionUpdate,
  realtimeCallsUrl,
  realtimeSettingsSchema,
  type TestCallSecret,
} from "@koe/shared";
import { TRPCError } from "@trpc/server";
import type OpenAI from "openai";
import type { Logger } from "../../logger.ts";
import { findAgent } from "./agents.ts";

/** How long the browser has to open its test session. */
const SECRET_TTL_SECONDS = 600;
/** WebRTC in the browser speaks 24 kHz PCM, not the phone's μ-law. */
const BROWSER_AUDIO = { type: "audio/pcm", rate: 24_000 } as const;

/**
 * A short-lived GA client secret (POST /v1/realtime/client_secrets) for an in-browser test call
 * with the agent's settings (as saved), so the admin hears what callers will hear. Tools stay
 * server-side: the test call has none. The browser posts its SDP offer to `callsUrl`, under the
 * same OPENAI_BASE_URL the secret came from (OpenAI, or the local simulator).
 */
export async function createTestCallSecret(
  deps: { prisma: PrismaClient; openai: OpenAI | null; logger: Logger },
  user: { companyId: string; name: string },
  agentId: string,
): Promise<TestCallSecret> {
  if (!deps.openai) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: "In-browser test calls are unavailable: OPENAI_API_KEY is not set.",
    });
  }
  const agent = await findAgent(deps.prisma, user.companyId, agentId, {
    name: true,
    realtimeSettings: true,
    company: { select: { name: true, timeZone: true } },
  });
  const settings = realtimeSettingsSchema.safeParse(agent.realtimeSettings);
  if (!settings.success) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: "The agent's saved Realtime settings are invalid; save them again first.",
    });
  }
  const today = new Intl.DateTimeFormat("ja-JP", {
    dateStyle: "full",
    timeZone: agent.company.timeZone,
  }).format(new Date());
  const session = buildSessionUpdate(
    settings.data,
    { companyName: agent.company.name, agentName: agent.name, customerName: user.name, today },
    [],
    BROWSER_AUDIO,
  );
  try {
    const secret = await deps.openai.realtime.clientSecrets.create({
      session,
      expires_after: { anchor: "created_at", seconds: SECRET_TTL_SECONDS },
    });
    return {
      value: secret.value,
      expiresAt: secret.expires_at,
      model: settings.data.model,
      callsUrl: realtimeCallsUrl(deps.openai.baseURL),
    };
  } catch (error) {
    deps.logger.warn({ err: error, agentId }, "client secret refused by OpenAI");
    throw new TRPCError({
      code: "BAD_GATEWAY",
      message: `OpenAI refused the test call: ${error instanceof Error ? error.message : String(error)}`,
      cause: error,
    });
  }
}
