import { describe, expect, it } from "vitest";
import { OPERATOR_CACHE_TTL_MS, OperatorCache } from "./operator-cache.ts";

const call = (to: string) => ({ To: to });
const operator = { phoneNumber: "+81312345678", conferenceName: null };
const none = new URLSearchParams();

describe("OperatorCache", () => {
  it("recalls a number's operator path until the TTL passes, and each lookup refreshes it", () => {
    let now = 0;
    const cache = new OperatorCache({ now: () => now });
    cache.remember(call("+815012345678"), none, operator);
    now = OPERATOR_CACHE_TTL_MS;
    expect(cache.recall(call("+815012345678"), none)).toEqual(operator);
    cache.remember(call("+815012345678"), none, operator);
    now = 2 * OPERATOR_CACHE_TTL_MS;
    expect(cache.recall(call("+815012345678"), none)).toEqual(operator);
    now = 2 * OPERATOR_CACHE_TTL_MS + 1;
    expect(cache.recall(call("+815012345678"), none)).toBeNull();
  });

  it("keys inbound calls by the called number and outbound calls by their agent", () => {
    const cache = new OperatorCache();
    cache.remember(call("+819011112222"), new URLSearchParams({ agentId: "agent-1" }), operator);
    expect(cache.recall(call("+819011112222"), none)).toBeNull();
    expect(cache.recall(call("+819033334444"), new URLSearchParams({ agentId: "agent-1" }))).toEqual(
      operator,
    );
  });
});
