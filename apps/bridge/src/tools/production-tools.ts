import { customerInfoTool } from "./customer-info-tool.ts";
import { operatorHandoffTool } from "./operator-handoff-tool.ts";
import { scheduleAppointmentTool } from "./schedule-appointment-tool.ts";
import type { ToolDeps } from "./tool-deps.ts";
import { ToolRegistry } from "./tool-registry.ts";

/** The functions every realtime call's agent may call. */
export function createProductionTools(deps: ToolDeps): ToolRegistry {
  return new ToolRegistry()
    .register(operatorHandoffTool(deps))
    .register(customerInfoTool(deps))
    .register(scheduleAppointmentTool(deps));
}
