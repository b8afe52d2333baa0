import { evalRunRequestSchema, testScenarioInputSchema } from "@koe/shared";
import { z } from "zod";

export const agentInput = z.object({ agentId: z.uuid() });
export const scenarioIdInput = z.object({ scenarioId: z.uuid() });
export const createScenarioInput = z.object({ agentId: z.uuid(), scenario: testScenarioInputSchema });
export const updateScenarioInput = z.object({ scenarioId: z.uuid(), scenario: testScenarioInputSchema });
export const runIdInput = z.object({ runId: z.uuid() });
export const startRunInput = evalRunRequestSchema;
export const compareInput = z.object({ a: z.uuid(), b: z.uuid() });
