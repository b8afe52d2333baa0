import { z } from "zod";

/** "true"/"1"/"yes" → true; anything else, or unset, → false. */
export const envFlag = z
  .string()
  .optional()
  .transform((v) => ["true", "1", "yes"].includes((v ?? "").trim().toLowerCase()));

export const envPort = (fallback: number) => z.coerce.number().int().min(0).max(65_535).default(fallback);

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));

/** The environment names more than one app reads (docs/ARCHITECTURE.md, "Contracts"). */
export const commonEnvShape = {
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_URL: optionalString,
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: z.url().default("https://api.openai.com/v1"),
  TWILIO_ACCOUNT_SID: optionalString,
  TWILIO_AUTH_TOKEN: optionalString,
  /** Twilio's REST API origin; only tests and local demos point it elsewhere (the fake Twilio REST server). */
  TWILIO_API_BASE_URL: z.url().optional(),
  /** The https origin Twilio reaches the bridge at. */
  PUBLIC_BASE_URL: z.url().optional(),
  /** Global kill switch for the Realtime API; off unless set. */
  ENABLE_REALTIME_API: envFlag,
  /** How long /healthz waits for the database before it answers "degraded". */
  HEALTH_CHECK_TIMEOUT_MS: z.coerce.number().int().min(50).default(2_000),
};

/**
 * Parses the environment once at start-up. A malformed value, or a variable listed in
 * `requiredInProduction` that is missing when NODE_ENV=production, is a clear start-up error.
 */
export function parseEnv<Shape extends z.ZodRawShape & { NODE_ENV: typeof commonEnvShape.NODE_ENV }>(
  shape: Shape,
  options: { requiredInProduction: readonly (keyof Shape & string)[]; source?: NodeJS.ProcessEnv },
): z.infer<z.ZodObject<Shape>> {
  const parsed = z.object(shape).safeParse(options.source ?? process.env);
  if (!parsed.success) {
    throw new Error(`Invalid environment:\n${z.prettifyError(parsed.error)}`);
  }
  const env = parsed.data as Record<string, unknown>;
  if (env.NODE_ENV === "production") {
    const missing = options.requiredInProduction.filter((name) => env[name] === undefined);
    if (missing.length > 0) {
      throw new Error(`Missing environment for production: ${missing.join(", ")}`);
    }
  }
  return parsed.data;
}
