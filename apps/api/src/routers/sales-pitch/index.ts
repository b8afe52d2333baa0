import { testCallSecretSchema } from "@koe/shared";
import type { TRPCRouterRecord } from "@trpc/server";
import { adminProcedure, protectedProcedure } from "../../trpc.ts";
import { getAgent, listAgents } from "./agents.ts";
import { createTestCallSecret } from "./client-secret.ts";
import { previewLegacyConversion } from "./convert-legacy.ts";
import {
  agentIdInput,
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
      updateAgentSettings(ctx.prisma, ctx.user, input.agentId, "conversation_settings_updated", {
        conversationSettings: input.conversationSettings,
        ...(input.keywordTemplates ? { keywordTemplates: input.keywordTemplates } : {}),
      }),
    ),

  realtimeSettings: protectedProcedure.input(agentIdInput).query(async ({ ctx, input }) => {
    const agent = await getAgent(ctx.prisma, ctx.user.companyId, input.agentId, ctx.realtimeEnabled);
    return { settings: agent.realtimeSettings, engine: agent.engine };
  }),

  updateRealtimeSettings: adminProcedure.input(updateRealtimeSettingsInput).mutation(({ ctx, input }) =>
    updateAgentSettings(ctx.prisma, ctx.user, input.agentId, "realtime_settings_updated", {
      realtimeSettings: input.settings,
    }),
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
