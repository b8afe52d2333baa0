import {
  conversationSettingsSchema,
  REALTIME_VOICES,
  savableRealtimeSettingsSchema,
  unambiguousKeywordTemplatesSchema,
} from "@koe/shared";
import { z } from "zod";

export const agentIdInput = z.object({ agentId: z.uuid() });

export const updateConversationSettingsInput = z.object({
  agentId: z.uuid(),
  conversationSettings: conversationSettingsSchema,
  keywordTemplates: unambiguousKeywordTemplatesSchema.optional(),
});

export const updateRealtimeSettingsInput = z.object({
  agentId: z.uuid(),
  /**
   * Validated whole by the shared schema: voice, speed and model within what GA accepts, a prompt
   * while the Realtime API is on, and no placeholder that is no template variable.
   */
  settings: savableRealtimeSettingsSchema,
});

/** What an admin may type when saving, to say why (shown in the version history). */
const versionNote = z.string().trim().max(200).optional();

/** One save of any of the agent's settings, with its note: one new version however many parts changed. */
export const saveSettingsInput = z
  .object({
    agentId: z.uuid(),
    conversationSettings: conversationSettingsSchema.optional(),
    keywordTemplates: unambiguousKeywordTemplatesSchema.optional(),
    realtimeSettings: savableRealtimeSettingsSchema.optional(),
    note: versionNote,
  })
  .refine((input) => input.conversationSettings || input.keywordTemplates || input.realtimeSettings, {
    message: "Nothing to save.",
  });

export const agentVersionInput = z.object({ agentId: z.uuid(), version: z.int().min(1) });

export const restoreVersionInput = agentVersionInput.extend({ note: versionNote });

export const voicePreviewInput = z.object({ voice: z.enum(REALTIME_VOICES) });
