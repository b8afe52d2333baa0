import {
  CALL_OUTCOMES,
  CALL_SENTIMENTS,
  CALL_STATUS_NAMES,
  type CallEventKind,
  type CallOutcomeName,
  type CallSentimentName,
  type CallStatusName,
  callEventPayloadSchemas,
  ENGINE_NAMES,
  ENGINE_REASONS,
  type EngineName,
  type EngineReasonName,
  type OperatorAlertKindName,
  operatorAlertDetailsSchemas,
  TOKEN_COUNT_KINDS,
  type TokenCounts,
} from "@koe/shared";
import { describe, expect, expectTypeOf, it } from "vitest";
import { type CallSession, Prisma } from "./generated/prisma/client.ts";
import {
  CallEngine,
  CallEventType,
  CallOutcome,
  CallSentiment,
  CallStatus,
  EngineReason,
  OperatorAlertKind,
} from "./generated/prisma/enums.ts";

// Enums live in the Prisma schema, the JSON shapes per value in @koe/shared: they must agree.
describe("JSON shapes per enum value", () => {
  it("has a payload schema for exactly the CallEventType values of the database", () => {
    expectTypeOf<CallEventKind>().toEqualTypeOf<CallEventType>();
    expect(Object.keys(callEventPayloadSchemas).sort()).toEqual(Object.values(CallEventType).sort());
  });

  it("has a details schema for exactly the OperatorAlertKind values of the database", () => {
    expectTypeOf<OperatorAlertKindName>().toEqualTypeOf<OperatorAlertKind>();
    expect(Object.keys(operatorAlertDetailsSchemas).sort()).toEqual(Object.values(OperatorAlertKind).sort());
  });

  it("routes calls with exactly the CallEngine and EngineReason values of the database", () => {
    expectTypeOf<EngineName>().toEqualTypeOf<CallEngine>();
    expectTypeOf<EngineReasonName>().toEqualTypeOf<EngineReason>();
    expect([...ENGINE_NAMES].sort()).toEqual(Object.values(CallEngine).sort());
    expect([...ENGINE_REASONS].sort()).toEqual(Object.values(EngineReason).sort());
  });

  it("filters and analyses calls with exactly the CallStatus, CallOutcome and CallSentiment values", () => {
    expectTypeOf<CallStatusName>().toEqualTypeOf<CallStatus>();
    expectTypeOf<CallOutcomeName>().toEqualTypeOf<CallOutcome>();
    expectTypeOf<CallSentimentName>().toEqualTypeOf<CallSentiment>();
    expect([...CALL_STATUS_NAMES].sort()).toEqual(Object.values(CallStatus).sort());
    expect([...CALL_OUTCOMES].sort()).toEqual(Object.values(CallOutcome).sort());
    expect([...CALL_SENTIMENTS].sort()).toEqual(Object.values(CallSentiment).sort());
  });

  it("has a CallSession column for exactly each token count kind", () => {
    expectTypeOf<Extract<keyof CallSession, `${string}Tokens`>>().toEqualTypeOf<keyof TokenCounts>();
    expectTypeOf<Pick<CallSession, keyof TokenCounts>>().toEqualTypeOf<TokenCounts>();
    const tokenColumns = Object.values(Prisma.CallSessionScalarFieldEnum).filter((column) =>
      column.endsWith("Tokens"),
    );
    expect(tokenColumns.sort()).toEqual([...TOKEN_COUNT_KINDS].sort());
  });
});
