import type { TwilioVoiceParams } from "@koe/shared";
import type { OperatorPath } from "@koe/twilio";

/** How long a remembered operator path is used when the database cannot be asked. */
export const OPERATOR_CACHE_TTL_MS = 10 * 60_000;

/**
 * The operator path of each number Koe answers (inbound: the called number; outbound: the agent
 * the api named), as last read from the database. When a voice webhook cannot reach the database,
 * the caller is still sent to the company's operators from here.
 */
export class OperatorCache {
  readonly #entries = new Map<string, { operator: OperatorPath; storedAt: number }>();
  readonly #now: () => number;
  readonly #ttlMs: number;

  constructor(options: { now?: () => number; ttlMs?: number } = {}) {
    this.#now = options.now ?? Date.now;
    this.#ttlMs = options.ttlMs ?? OPERATOR_CACHE_TTL_MS;
  }

  /** Called on every successful lookup, so the entry stays fresh while the database is up. */
  remember(params: Pick<TwilioVoiceParams, "To">, query: URLSearchParams, operator: OperatorPath): void {
    this.#entries.set(cacheKey(params, query), { operator, storedAt: this.#now() });
  }

  /** The operator path of this call's number, or null when unknown or older than the TTL. */
  recall(params: Pick<TwilioVoiceParams, "To">, query: URLSearchParams): OperatorPath | null {
    const key = cacheKey(params, query);
    const entry = this.#entries.get(key);
    if (!entry) return null;
    if (this.#now() - entry.storedAt > this.#ttlMs) {
      this.#entries.delete(key);
      return null;
    }
    return entry.operator;
  }
}

function cacheKey(params: Pick<TwilioVoiceParams, "To">, query: URLSearchParams): string {
  const agentId = query.get("agentId");
  return agentId ? `agent:${agentId}` : `to:${params.To}`;
}
