import { fileURLToPath } from "node:url";
import { z } from "zod";
import { DATABASE_TIMEOUT_DEFAULTS } from "./database-timeouts.ts";

const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

const milliseconds = (fallback: number) => z.coerce.number().int().min(100).default(fallback);

const envSchema = z.object({
  /** Unset: the embedded PGlite database under KOE_DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  KOE_DATA_DIR: z.string().default(`${REPO_ROOT}.data`),
  /** How long a query waits for a database connection before it fails. */
  DATABASE_CONNECT_TIMEOUT_MS: milliseconds(DATABASE_TIMEOUT_DEFAULTS.connectTimeoutMs),
  /** The longest one SQL statement may run. */
  DATABASE_STATEMENT_TIMEOUT_MS: milliseconds(DATABASE_TIMEOUT_DEFAULTS.statementTimeoutMs),
  /** Demo logins for `db:seed`; unset: a new user gets a generated password, printed once. */
  KOE_ADMIN_PASSWORD: z.string().min(8, "KOE_ADMIN_PASSWORD needs at least 8 characters").optional(),
  KOE_OPERATOR_PASSWORD: z.string().min(8, "KOE_OPERATOR_PASSWORD needs at least 8 characters").optional(),
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
});

export type DbEnv = z.infer<typeof envSchema>;

/** Reads the database settings from the environment (once per call; cheap). */
export function readDbEnv(source: NodeJS.ProcessEnv = process.env): DbEnv {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Invalid database environment: ${z.prettifyError(parsed.error)}`);
  }
  if (parsed.data.NODE_ENV === "production" && !parsed.data.DATABASE_URL) {
    throw new Error("DATABASE_URL is required in production (the embedded database is for local use only)");
  }
  return parsed.data;
}
