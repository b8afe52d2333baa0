import { randomBytes } from "node:crypto";
import type { ClientSecretCreateResponse } from "openai/resources/realtime/client-secrets";
import type { RealtimeSessionCreateRequest } from "openai/resources/realtime/realtime";
import { newId } from "../realtime/ids.ts";
import { applySessionUpdate, defaultSession } from "../realtime/session-config.ts";
import { type OpenAIError, openAIError } from "./openai-error.ts";

type Issued = { session: RealtimeSessionCreateRequest; expiresAt: number };

const DEFAULT_TTL_SECONDS = 600;

/**
 * GA client secrets (`ek_…`) as OpenAI issues them for browsers: the session config is validated
 * like a `session.update` and bound to the secret, which opens WebRTC calls until it expires.
 */
export class ClientSecrets {
  private readonly issued = new Map<string, Issued>();
  private readonly now: () => number;

  /** `now`: the clock in ms (tests move it to expire secrets). */
  constructor(now: () => number) {
    this.now = now;
  }

  /** POST /v1/realtime/client_secrets with its JSON body. */
  create(body: unknown): ClientSecretCreateResponse | OpenAIError {
    const request = (body ?? {}) as { session?: unknown; expires_after?: { seconds?: unknown } };
    const seconds = request.expires_after?.seconds ?? DEFAULT_TTL_SECONDS;
    if (typeof seconds !== "number" || !Number.isInteger(seconds) || seconds < 10 || seconds > 7200) {
      return openAIError(400, "Invalid 'expires_after.seconds': expected an integer from 10 to 7200.", {
        param: "expires_after.seconds",
        code: "invalid_value",
      });
    }
    const patch = (request.session ?? { type: "realtime" }) as { model?: unknown };
    const model = typeof patch.model === "string" ? patch.model : "gpt-realtime";
    const applied = applySessionUpdate(defaultSession(model), patch, false);
    if (!applied.ok) {
      const { message, param, code } = applied.error;
      return openAIError(400, message, { param, code });
    }
    const value = `ek_${randomBytes(16).toString("hex")}`;
    const expiresAt = Math.floor(this.now() / 1000) + seconds;
    this.issued.set(value, { session: applied.session, expiresAt });
    // The request type also allows custom voice objects; validated above, this voice is a GA name.
    const session = { ...applied.session, id: newId("sess"), object: "realtime.session" } as const;
    return { value, expires_at: expiresAt, session } as ClientSecretCreateResponse;
  }

  /** The session bound to the `Authorization: Bearer ek_…` of a request, or OpenAI's 401. */
  redeem(authorization: string | undefined): RealtimeSessionCreateRequest | OpenAIError {
    const value = /^Bearer (\S+)$/.exec(authorization ?? "")?.[1];
    if (!value) {
      return openAIError(
        401,
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      );
    }
    const issued = this.issued.get(value);
    if (!issued) {
      return openAIError(401, `Incorrect API key provided: ${redact(value)}.`, { code: "invalid_api_key" });
    }
    if (issued.expiresAt <= Math.floor(this.now() / 1000)) {
      return openAIError(401, "The client secret has expired.", { code: "invalid_api_key" });
    }
    return structuredClone(issued.session);
  }
}

/** OpenAI shows a key's first and last characters only. */
function redact(value: string): string {
  return value.length > 10 ? `${value.slice(0, 6)}****${value.slice(-4)}` : "****";
}
