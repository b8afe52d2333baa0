import { testCallSecretSchema } from "@koe/shared";
import type { TRPCRouterRecord } from "@trpc/server";
import { adminProcedure, protectedProcedure } from "../../trpc.ts";
import { getAgentVersion, listAgentVersions, restoreAgentVersion } from "./agent-versions.ts";
import { getAgent, listAgents } from "./agents.ts";
import { createTestCallSecret } from "./client-secret.ts";
import { previewLegacyConversion } from "./convert-legacy.ts";
import {
  agentIdInput,
  agentVersionInput,
  restoreVersionInput,
  saveSettingsInput,
  updateConversationSettingsInput,
  updateRealtimeSettingsInput,
  voicePreviewInput,
} from "./sales-pitch.types.ts";
import { updateAgentSettings } from "./settings-update.ts";
import { voicePreview } from "./voice-preview.ts";

/** The Sales Pitch page (/settings/sales-pitch): the agents, their legacy and Realtime settings. */
export const salesPitchRouter = {
  list: protectedProcedure.query(({ ctx }) =>
    listAgents(ctx.prisma, ctx.user.companyId, ctx.realtimeEnabled),
  ),

  byId: protectedProcedure
    .input(agentIdInput)
    .query(({ ctx, input }) => getAgent(ctx.prisma, ctx.user.companyId, input.agentId, ctx.realtimeEnabled)),

  updateConversationSettings: adminProcedure
    .input(updateConversationSettingsInput)
    .mutation(({ ctx, input }) =>
      updateAgentSettings(ctx.prisma, ctx.user, input.agentId, {
        conversationSettings: input.conversationSettings,
        ...(input.keywordTemplates ? { keywordTemplates: input.keywordTemplates } : {}),
      }),
    ),

  realtimeSettings: protectedProcedure.input(agentIdInput).query(async ({ ctx, input }) => {
    const agent = await getAgent(ctx.prisma, ctx.user.companyId, input.agentId, ctx.realtimeEnabled);
    return { settings: agent.realtimeSettings, engine: agent.engine };
  }),

  updateRealtimeSettings: adminProcedure.input(updateRealtimeSettingsInput).mutation(({ ctx, input }) =>
    updateAgentSettings(ctx.prisma, ctx.user, input.agentId, {
      realtimeSettings: input.settings,
    }),
  ),

  /** The page's one save button: whichever settings changed, one new version with the admin's note. */
  saveSettings: adminProcedure.input(saveSettingsInput).mutation(({ ctx, input }) => {
    const { agentId, note, conversationSettings, keywordTemplates, realtimeSettings } = input;
    const changes = {
      ...(conversationSettings ? { conversationSettings } : {}),
      ...(keywordTemplates ? { keywordTemplates } : {}),
      ...(realtimeSettings ? { realtimeSettings } : {}),
    };
    return updateAgentSettings(ctx.prisma, ctx.user, agentId, changes, note || null);
  }),

  /** Every saved version of the agent, newest first (「バージョン履歴」). */
  versions: protectedProcedure
    .input(agentIdInput)
    .query(({ ctx, input }) => listAgentVersions(ctx.prisma, ctx.user.companyId, input.agentId)),

  /** One version with its settings, to compare with the current one. */
  version: protectedProcedure
    .input(agentVersionInput)
    .query(({ ctx, input }) => getAgentVersion(ctx.prisma, ctx.user.companyId, input.agentId, input.version)),

  /** Brings a version's settings back as a new version, with an audit entry. */
  restoreVersion: adminProcedure
    .input(restoreVersionInput)
    .mutation(({ ctx, input }) =>
      restoreAgentVersion(ctx.prisma, ctx.user, input.agentId, input.version, input.note || null),
    ),

  /** A system prompt generated from the legacy settings, beside the saved one; nothing is saved. */
  convertLegacy: protectedProcedure
    .input(agentIdInput)
    .query(({ ctx, input }) =>
      previewLegacyConversion(ctx.prisma, ctx.user.companyId, input.agentId, ctx.realtimeEnabled),
    ),

  /** A sample of a GA voice (generated once, then cached), or why there is none. */
  voicePreview: protectedProcedure
    .input(voicePreviewInput)
    .query(({ ctx, input }) => voicePreview(ctx, input.voice)),

  /** A short-lived client secret for an in-browser test call with the agent's saved settings. */
  createTestCallSecret: adminProcedure
    .input(agentIdInput)
    .output(testCallSecretSchema)
    .mutation(({ ctx, input }) => createTestCallSecret(ctx, ctx.user, input.agentId)),
} satisfies TRPCRouterRecord;
