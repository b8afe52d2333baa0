import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

const claimsSchema = z.object({
  callSid: z.string().min(1),
  agentId: z.string().uuid(),
  /** The bridge process that pre-warmed the OpenAI session. */
  instance: z.string().min(1),
  /** Expiry, ms since the epoch. */
  exp: z.number().int(),
});
export type StreamTokenClaims = z.infer<typeof claimsSchema>;

/** How long Twilio has between our TwiML answer and opening the media stream. */
export const STREAM_TOKEN_TTL_MS = 120_000;

/**
 * Short-lived token carried as a TwiML `<Parameter>` that binds a media stream to the call and
 * agent the voice webhook chose. Signed with a key derived from the Twilio auth token, so every
 * bridge process can check a token another one issued.
 */
export class StreamTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac("sha256", secret).update("koe media-stream token v1").digest();
  }

  issue(claims: Omit<StreamTokenClaims, "exp">, now = Date.now()): string {
    const body = Buffer.from(JSON.stringify({ ...claims, exp: now + STREAM_TOKEN_TTL_MS })).toString(
      "base64url",
    );
    return `${body}.${this.sign(body)}`;
  }

  /** The claims of a valid, unexpired token for this call; null for anything else. */
  verify(token: string | undefined, callSid: string, now = Date.now()): StreamTokenClaims | null {
    const [body, signature, extra] = (token ?? "").split(".");
    if (!body || !signature || extra !== undefined) return null;
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(body, "base64url").toString());
    } catch {
      return null;
    }
    const claims = claimsSchema.safeParse(json);
    if (!claims.success || claims.data.exp < now || claims.data.callSid !== callSid) return null;
    return claims.data;
  }

  private sign(body: string): string {
    return createHmac("sha256", this.key).update(body).digest("base64url");
  }
}
