import type { RealtimeReasoningEffort } from "openai/resources/realtime/realtime";
import { z } from "zod";
import { DEFAULT_REALTIME_MODEL, isReasoningModel, REALTIME_MODELS } from "./models.ts";
import { unknownTemplateVariables } from "./template-variables.ts";
import { DEFAULT_REALTIME_VOICE, REALTIME_VOICES } from "./voices.ts";

/**
 * The GA API accepts output speed 0.25–1.5. Koe offers 0.5–1.5: slower than 0.5 is unusable on
 * the phone, and 1.5 is the API's ceiling (the original spec's 2.0 does not exist in GA).
 */
export const SPEED_RANGE = { min: 0.5, max: 1.5, step: 0.05, default: 1 } as const;

export const REASONING_EFFORTS = [
  "minimal",
  "low",
  "medium",
  "high",
] as const satisfies readonly RealtimeReasoningEffort[];

export const turnDetectionSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("server_vad"),
    threshold: z.number().min(0).max(1).default(0.5),
    prefixPaddingMs: z.number().int().min(0).max(2000).default(300),
    silenceDurationMs: z.number().int().min(100).max(5000).default(500),
  }),
  z.object({
    type: z.literal("semantic_vad"),
    eagerness: z.enum(["low", "medium", "high", "auto"]).default("auto"),
  }),
]);
export type TurnDetection = z.infer<typeof turnDetectionSchema>;

/**
 * An agent's Realtime API settings, stored as `Agent.realtimeSettings`.
 * There is deliberately no temperature: GA sessions have none, and a setting that does nothing
 * is never stored. Reasoning models take `reasoningEffort` instead.
 */
export const realtimeSettingsSchema = z
  .object({
    enabled: z.boolean().default(false),
    model: z.enum(REALTIME_MODELS).default(DEFAULT_REALTIME_MODEL),
    voice: z.enum(REALTIME_VOICES).default(DEFAULT_REALTIME_VOICE),
    speed: z.number().min(SPEED_RANGE.min).max(SPEED_RANGE.max).default(SPEED_RANGE.default),
    reasoningEffort: z.enum(REASONING_EFFORTS).nullable().default(null),
    /** System prompt; may contain template variables such as {{company_name}}. */
    instructions: z.string().max(20_000).default(""),
    turnDetection: turnDetectionSchema.default({
      type: "server_vad",
      threshold: 0.5,
      prefixPaddingMs: 300,
      silenceDurationMs: 500,
    }),
    noiseReduction: z.enum(["near_field", "far_field"]).nullable().default("far_field"),
  })
  // Unknown keys (a beta-era `temperature`, say) are an error, not silently dropped.
  .strict()
  .refine((s) => s.reasoningEffort === null || isReasoningModel(s.model), {
    message: "reasoningEffort applies only to reasoning models (gpt-realtime-2*)",
    path: ["reasoningEffort"],
  });
export type RealtimeSettings = z.infer<typeof realtimeSettingsSchema>;

/** What is wrong with a system prompt that saving refuses, carried as the issue's params. */
export const promptProblemSchema = z.discriminatedUnion("problem", [
  /** Realtime calls would run with no instructions at all. */
  z.object({ problem: z.literal("emptyWhileEnabled") }),
  /** Placeholders that are no template variable: the caller would hear a gap where they stand. */
  z.object({ problem: z.literal("unknownVariables"), names: z.array(z.string()) }),
]);
export type PromptProblem = z.infer<typeof promptProblemSchema>;

/**
 * Realtime settings as an admin may save them (the api and the form both check this): stored
 * settings are read with `realtimeSettingsSchema`, which stays lenient so an older row still loads.
 */
export const savableRealtimeSettingsSchema = realtimeSettingsSchema.superRefine((settings, ctx) => {
  const problem = promptProblem(settings);
  if (!problem) return;
  ctx.addIssue({
    code: "custom",
    path: ["instructions"],
    params: problem,
    message:
      problem.problem === "emptyWhileEnabled"
        ? "Realtime APIを有効にしている間は、システムプロンプトを空にできません"
        : `システムプロンプトに使えない変数があります: ${problem.names.map((n) => `{{${n}}}`).join(" ")}`,
  });
});

function promptProblem(settings: RealtimeSettings): PromptProblem | null {
  const names = unknownTemplateVariables(settings.instructions);
  if (names.length > 0) return { problem: "unknownVariables", names };
  if (settings.enabled && settings.instructions.trim() === "") return { problem: "emptyWhileEnabled" };
  return null;
}
