import { type Prisma, type PrismaClient, recordAgentVersion } from "@koe/db";
import {
  conversationSettingsSchema,
  keywordTemplatesSchema,
  realtimeSettingsSchema,
  savableRealtimeSettingsSchema,
  unambiguousKeywordTemplatesSchema,
} from "@koe/shared";
import { TRPCError } from "@trpc/server";
import type { SessionUser } from "../../auth/session-user.ts";
import { findAgent } from "./agents.ts";

const versionSummarySelect = {
  id: true,
  version: true,
  createdAt: true,
  note: true,
  restoredFromVersion: true,
  createdBy: { select: { name: true } },
} satisfies Prisma.AgentVersionSelect;

const versionSelect = {
  ...versionSummarySelect,
  conversationSettings: true,
  keywordTemplates: true,
  realtimeSettings: true,
} satisfies Prisma.AgentVersionSelect;

type VersionSummaryRow = Prisma.AgentVersionGetPayload<{ select: typeof versionSummarySelect }>;
type VersionRow = Prisma.AgentVersionGetPayload<{ select: typeof versionSelect }>;

function toVersionSummary(row: VersionSummaryRow, currentVersionId: string | null) {
  return {
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy?.name ?? null,
    note: row.note,
    restoredFromVersion: row.restoredFromVersion,
    current: row.id === currentVersionId,
  };
}

/** The company's agent's versions, newest first, with the one its settings are now marked. */
export async function listAgentVersions(prisma: PrismaClient, companyId: string, agentId: string) {
  const agent = await findAgent(prisma, companyId, agentId, { currentVersionId: true });
  const rows = await prisma.agentVersion.findMany({
    where: { agentId, companyId },
    orderBy: { version: "desc" },
    select: versionSummarySelect,
  });
  return rows.map((row) => toVersionSummary(row, agent.currentVersionId));
}

/**
 * One version with its settings, read through the shared schemas as the agent's own are (a
 * version saved before a schema change may no longer parse: that part is null).
 */
export async function getAgentVersion(
  prisma: PrismaClient,
  companyId: string,
  agentId: string,
  version: number,
) {
  const agent = await findAgent(prisma, companyId, agentId, { currentVersionId: true });
  const row = await findVersion(prisma, companyId, agentId, version);
  return toVersionView(row, agent.currentVersionId);
}

function toVersionView(row: VersionRow, currentVersionId: string | null) {
  const conversation = conversationSettingsSchema.safeParse(row.conversationSettings);
  const templates = keywordTemplatesSchema.safeParse(row.keywordTemplates);
  const realtime = realtimeSettingsSchema.safeParse(row.realtimeSettings);
  return {
    ...toVersionSummary(row, currentVersionId),
    conversationSettings: conversation.success ? conversation.data : null,
    keywordTemplates: templates.success ? templates.data : null,
    realtimeSettings: realtime.success ? realtime.data : null,
  };
}

async function findVersion(
  prisma: Prisma.TransactionClient,
  companyId: string,
  agentId: string,
  version: number,
): Promise<VersionRow> {
  const row = await prisma.agentVersion.findFirst({
    where: { agentId, companyId, version },
    select: versionSelect,
  });
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "No such version." });
  return row;
}

/**
 * Brings an older version's settings back: they become the agent's settings and a NEW version
 * (restoredFromVersion set; history is never rewritten), with an audit entry, in one transaction.
 * What a save would refuse today (a model since withdrawn, say) is refused here too.
 */
export async function restoreAgentVersion(
  prisma: PrismaClient,
  user: SessionUser,
  agentId: string,
  version: number,
  note: string | null,
) {
  return prisma.$transaction(async (tx) => {
    const agent = await findAgent(tx, user.companyId, agentId, {
      currentVersion: { select: { id: true, version: true } },
    });
    const source = await findVersion(tx, user.companyId, agentId, version);
    if (source.id === agent.currentVersion?.id) {
      throw new TRPCError({ code: "BAD_REQUEST", message: "このバージョンは現在の設定です。" });
    }
    const settings = {
      conversationSettings: conversationSettingsSchema.safeParse(source.conversationSettings),
      keywordTemplates: unambiguousKeywordTemplatesSchema.safeParse(source.keywordTemplates),
      realtimeSettings: savableRealtimeSettingsSchema.safeParse(source.realtimeSettings),
    };
    const unsavable = Object.entries(settings).filter(([, parsed]) => !parsed.success);
    if (unsavable.length > 0) {
      throw new TRPCError({
        code: "PRECONDITION_FAILED",
        message: `v${version} の設定は現在の保存条件を満たさないため復元できません(${unsavable.map(([field]) => field).join(", ")})。`,
      });
    }
    // Restored as stored, not as parsed: the version's own snapshot comes back byte for byte.
    await tx.agent.update({
      where: { id: agentId },
      data: {
        conversationSettings: source.conversationSettings as Prisma.InputJsonValue,
        keywordTemplates: source.keywordTemplates as Prisma.InputJsonValue,
        realtimeSettings: source.realtimeSettings as Prisma.InputJsonValue,
      },
    });
    const restored = await recordAgentVersion(tx, {
      agentId,
      createdById: user.id,
      note,
      restoredFromVersion: version,
    });
    await tx.auditLog.create({
      data: {
        companyId: user.companyId,
        actorId: user.id,
        action: "agent_version_restored",
        entityType: "Agent",
        entityId: agentId,
        before: { version: agent.currentVersion?.version ?? null },
        after: { version: restored.version, restoredFromVersion: version },
      },
    });
    return { agentId, version: restored.version, restoredFromVersion: version };
  });
}
