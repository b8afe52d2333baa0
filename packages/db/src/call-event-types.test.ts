import {
  type CallEventKind,
  callEventPayloadSchemas,
  type OperatorAlertKindName,
  operatorAlertDetailsSchemas,
} from "@koe/shared";
import { describe, expect, expectTypeOf, it } from "vitest";
import { CallEventType, OperatorAlertKind } from "./generated/prisma/enums.ts";

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
});
