import type { PrismaClient, UserRole } from "@koe/db";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import type { Logger } from "../logger.ts";

export type AuthOptions = {
  /** Signs the session cookie. */
  secret: string;
  /** The origin browsers use (APP_ORIGIN); the login's CSRF/origin check trusts it. */
  appOrigin: string;
  /** Further browser origins allowed to sign in (CORS_ORIGINS). */
  trustedOrigins: string[];
  /** Load balancers whose X-Forwarded-For entries are skipped to find the client. */
  trustedProxies: string[];
  /** Sign-in attempts per client address and minute before 429 (default 5). */
  signInAttemptsPerMinute?: number;
  /** Where better-auth's own log lines go (as JSON, like every other line of the api). */
  logger: Logger;
};

/** better-auth's levels, as pino names them ("success" is good news: info). */
const PINO_LEVEL = { debug: "debug", info: "info", success: "info", warn: "warn", error: "error" } as const;

/**
 * better-auth with email + password (no sign-up: users are created by admins and the seed), its
 * sessions and the login rate limit in PostgreSQL through Prisma, so every api process shares
 * them. Cookies are HttpOnly, SameSite=Lax, and Secure on an https origin.
 */
export function createAuth(prisma: PrismaClient, options: AuthOptions) {
  const secure = new URL(options.appOrigin).protocol === "https:";
  const logger = options.logger.child({ module: "better-auth" });
  return betterAuth({
    appName: "Koe",
    secret: options.secret,
    baseURL: options.appOrigin,
    basePath: "/api/auth",
    trustedOrigins: [options.appOrigin, ...options.trustedOrigins],
    database: prismaAdapter(prisma, { provider: "postgresql" }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8 },
    user: {
      additionalFields: {
        role: { type: ["admin", "operator"] satisfies UserRole[], input: false, required: true },
        companyId: { type: "string", input: false, required: true },
      },
    },
    // An operator's shift, renewed while in use.
    session: { expiresIn: 60 * 60 * 12, updateAge: 60 * 60 },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 100,
      customRules: { "/sign-in/email": { window: 60, max: options.signInAttemptsPerMinute ?? 5 } },
    },
    advanced: {
      useSecureCookies: secure,
      ipAddress: { ipAddressHeaders: ["x-forwarded-for"], trustedProxies: options.trustedProxies },
    },
    telemetry: { enabled: false },
    logger: {
      level: "debug",
      log: (level, message, ...args) =>
        logger[PINO_LEVEL[level]](args.length > 0 ? { details: args } : {}, message),
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
