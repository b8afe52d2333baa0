import type { PrismaClient } from "@koe/db";
import { convertLegacy } from "@koe/shared";
import { TRPCError } from "@trpc/server";
import { getAgent } from "./agents.ts";

/**
 * 「既存設定から生成」: the system prompt built from the agent's legacy conversation settings and
 * keyword templates, beside the one saved now. Nothing is saved: the admin accepts or discards it.
 */
export async function previewLegacyConversion(
  prisma: PrismaClient,
  companyId: string,
  agentId: string,
  realtimeEnabled: boolean,
): Promise<{ before: string; after: string }> {
  const agent = await getAgent(prisma, companyId, agentId, realtimeEnabled);
  // Templates that no longer parse would silently drop their keywords from the prompt.
  if (!agent.conversationSettings || agent.invalidStoredSettings.includes("keywordTemplates")) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: "保存されている従来の会話設定を読み取れないため、プロンプトを生成できません。",
    });
  }
  const { prompt } = convertLegacy({
    settings: agent.conversationSettings,
    templates: agent.keywordTemplates,
  });
  return { before: agent.realtimeSettings.instructions, after: prompt };
}
