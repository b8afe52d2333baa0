import type { Prisma, PrismaClient } from "@koe/db";
import { conversationSettingsSchema, keywordTemplatesSchema, realtimeSettingsSchema } from "@koe/shared";
import { TRPCError } from "@trpc/server";
import { engineStatus } from "./engine-status.ts";

const agentSelect = {
  id: true,
  name: true,
  conversationSettings: true,
  keywordTemplates: true,
  realtimeSettings: true,
  updatedAt: true,
  currentVersion: { select: { version: true } },
  phoneNumbers: { select: { e164: true, label: true } },
} satisfies Prisma.AgentSelect;

type AgentRow = Prisma.AgentGetPayload<{ select: typeof agentSelect }>;

/** The company's agent or NOT_FOUND (also for another company's agent: its existence is not revealed). */
export async function findAgent<S extends Prisma.AgentSelect>(
  prisma: Prisma.TransactionClient,
  companyId: string,
  agentId: string,
  select: S,
) {
  const agent = await prisma.agent.findFirst({ where: { id: agentId, companyId }, select });
  if (!agent) throw new TRPCError({ code: "NOT_FOUND", message: "No such agent." });
  return agent;
}

export async function listAgents(prisma: PrismaClient, companyId: string, realtimeEnabled: boolean) {
  const [agents, rollout] = await Promise.all([
    prisma.agent.findMany({ where: { companyId }, orderBy: { name: "asc" }, select: agentSelect }),
    rolloutPercentage(prisma, companyId),
  ]);
  return agents.map((agent) => toAgentView(agent, realtimeEnabled, rollout));
}

export async function getAgent(
  prisma: PrismaClient,
  companyId: string,
  agentId: string,
  realtimeEnabled: boolean,
) {
  const [agent, rollout] = await Promise.all([
    findAgent(prisma, companyId, agentId, agentSelect),
    rolloutPercentage(prisma, companyId),
  ]);
  return toAgentView(agent, realtimeEnabled, rollout);
}

async function rolloutPercentage(prisma: PrismaClient, companyId: string): Promise<number> {
  const config = await prisma.rolloutConfig.findUnique({
    where: { companyId },
    select: { realtimePercentage: true },
  });
  return config?.realtimePercentage ?? 0;
}

/**
 * The agent with its stored settings read through the shared schemas. Settings written before a
 * schema change may no longer parse: the page then shows the defaults and says so.
 */
function toAgentView(agent: AgentRow, realtimeEnabled: boolean, rolloutPercentage: number) {
  const conversation = conversationSettingsSchema.safeParse(agent.conversationSettings);
  const templates = keywordTemplatesSchema.safeParse(agent.keywordTemplates);
  const realtime = realtimeSettingsSchema.safeParse(agent.realtimeSettings);
  const realtimeSettings = realtime.success ? realtime.data : realtimeSettingsSchema.parse({});
  return {
    id: agent.id,
    name: agent.name,
    phoneNumbers: agent.phoneNumbers,
    updatedAt: agent.updatedAt.toISOString(),
    /** The version the settings below were saved as (null only for an agent no save has touched). */
    currentVersion: agent.currentVersion?.version ?? null,
    conversationSettings: conversation.success ? conversation.data : null,
    keywordTemplates: templates.success ? templates.data : [],
    realtimeSettings,
    invalidStoredSettings: [
      ...(conversation.success ? [] : ["conversationSettings"]),
      ...(templates.success ? [] : ["keywordTemplates"]),
      ...(realtime.success ? [] : ["realtimeSettings"]),
    ],
    engine: engineStatus({ realtimeEnabled, agentEnabled: realtimeSettings.enabled, rolloutPercentage }),
  };
}
