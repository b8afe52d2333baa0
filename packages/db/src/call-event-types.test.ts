import { type CallEventKind, callEventPayloadSchemas } from "@koe/shared";
import { describe, expect, expectTypeOf, it } from "vitest";
import { CallEventType } from "./generated/prisma/enums.ts";

// The event log's types live in the Prisma schema, their payloads in @koe/shared: they must agree.
describe("call event types", () => {
  it("has a payload schema for exactly the CallEventType values of the database", () => {
    expectTypeOf<CallEventKind>().toEqualTypeOf<CallEventType>();
    expect(Object.keys(callEventPayloadSchemas).sort()).toEqual(Object.values(CallEventType).sort());
  });
});
