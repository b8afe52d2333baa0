import { CallEngine, CallStatus } from "@koe/db";
import { describe, expect, it } from "vitest";
import { historyInput } from "./calls.types.ts";

describe("call history filters", () => {
  it("accept exactly the engines and statuses of the database's enums", () => {
    for (const engine of Object.values(CallEngine))
      expect(historyInput.parse({ engine }).engine).toBe(engine);
    for (const status of Object.values(CallStatus))
      expect(historyInput.parse({ status }).status).toBe(status);
    expect(historyInput.safeParse({ status: "on_hold" }).success).toBe(false);
    expect(historyInput.safeParse({ engine: "gpt" }).success).toBe(false);
  });
});
