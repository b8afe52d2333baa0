import type { IncomingMessage } from "node:http";
import { z } from "zod";

/** Error codes no retry can fix: the key or the account has to change first. */
const FINAL_CODES: ReadonlySet<string> = new Set(["invalid_api_key", "insufficient_quota"]);
/** HTTP statuses of the upgrade that no retry can fix. */
const FINAL_STATUSES: ReadonlySet<number> = new Set([401, 403]);
/** Most of a refusal body read: OpenAI's error JSON is small; anything longer is cut. */
const MAX_BODY_BYTES = 4_096;

const openAIErrorBody = z.object({
  error: z.object({ code: z.string().nullish(), message: z.string().nullish() }),
});

/** The provider refused the session: at the upgrade (an HTTP status) or in it (an `error` event's code). */
export class ProviderRefusal extends Error {
  readonly status: number | null;
  readonly code: string | null;

  constructor(status: number | null, code: string | null, message: string) {
    super(message);
    this.name = "ProviderRefusal";
    this.status = status;
    this.code = code;
  }

  /** An auth, permission or quota refusal: retrying only repeats it. */
  get isFinal(): boolean {
    return isFinalRefusal(this.status, this.code);
  }

  /** What the refusal is recorded as: the error code, or the HTTP status. */
  get label(): string {
    return this.code ?? (this.status === null ? "refused" : `http_${this.status}`);
  }
}

export function isFinalRefusal(status: number | null, code: string | null | undefined): boolean {
  return (code != null && FINAL_CODES.has(code)) || (status !== null && FINAL_STATUSES.has(status));
}

/** Reads the refused upgrade's response (bounded) into a `ProviderRefusal` with OpenAI's error code. */
export async function readRefusal(response: IncomingMessage): Promise<ProviderRefusal> {
  const status = response.statusCode ?? 0;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response) {
      const buffer = chunk as Buffer;
      chunks.push(buffer.subarray(0, MAX_BODY_BYTES - size));
      size += buffer.length;
      if (size >= MAX_BODY_BYTES) break;
    }
  } catch {
    // A body cut off mid-way still leaves the status to go by.
  }
  let body: unknown = null;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    // Not JSON (a proxy's HTML page): the status says enough.
  }
  const parsed = openAIErrorBody.safeParse(body);
  const code = parsed.success ? (parsed.data.error.code ?? null) : null;
  const detail = parsed.success && parsed.data.error.message ? `: ${parsed.data.error.message}` : "";
  return new ProviderRefusal(status, code, `OpenAI refused the connection: HTTP ${status}${detail}`);
}
