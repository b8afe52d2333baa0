import { testScenarioInputSchema } from "@koe/shared";
import { z } from "zod";

export const agentInput = z.object({ agentId: z.uuid() });
export const scenarioIdInput = z.object({ scenarioId: z.uuid() });
export const createScenarioInput = z.object({ agentId: z.uuid(), scenario: testScenarioInputSchema });
export const updateScenarioInput = z.object({ scenarioId: z.uuid(), scenario: testScenarioInputSchema });
