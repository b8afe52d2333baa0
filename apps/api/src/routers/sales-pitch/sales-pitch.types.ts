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

export const voicePreviewInput = z.object({ voice: z.enum(REALTIME_VOICES) });
