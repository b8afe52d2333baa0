import type { ApiOutputs } from "../../lib/api-types.ts";

export type RunStatus = ApiOutputs["evals"]["runs"][number]["status"];

export const RUN_STATUS_COLORS: Record<RunStatus, string> = {
  running: "blue",
  completed: "teal",
  interrupted: "orange",
};
