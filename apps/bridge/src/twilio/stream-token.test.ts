import { describe, expect, it } from "vitest";
import { STREAM_TOKEN_TTL_MS, StreamTokens } from "./stream-token.ts";

const claims = { callSid: "CA1", agentId: "00000000-0000-4000-8000-0000000a6e07", instance: "host-1" };

describe("stream tokens", () => {
  const tokens = new StreamTokens("auth-token");

  it("round-trips for the call it was issued for, across instances sharing the secret", () => {
    const token = tokens.issue(claims);
    expect(new StreamTokens("auth-token").verify(token, "CA1")).toMatchObject(claims);
  });

  it("refuses another call, another secret, a tampered body, expiry and garbage", () => {
    const token = tokens.issue(claims, 1_000);
    expect(tokens.verify(token, "CA2", 1_000)).toBeNull();
    expect(new StreamTokens("other").verify(token, "CA1", 1_000)).toBeNull();
    const [body, signature] = token.split(".");
    const forged = Buffer.from(
      JSON.stringify({ ...claims, agentId: "00000000-0000-4000-8000-000000000bad", exp: 9e15 }),
    ).toString("base64url");
    expect(tokens.verify(`${forged}.${signature}`, "CA1", 1_000)).toBeNull();
    expect(tokens.verify(`${body}.${signature}`, "CA1", 1_000 + STREAM_TOKEN_TTL_MS + 1)).toBeNull();
    for (const junk of [undefined, "", "a.b", "a.b.c", "..."]) expect(tokens.verify(junk, "CA1")).toBeNull();
  });
});
