import { type ProcessGroupOptions, runProcessGroup } from "./process-group.ts";

/** Runs a process group for `./koe start <app> --processes`: SIGTERM and SIGINT stop it in order. */
export async function runProcessGroupUntilSignalled(options: ProcessGroupOptions): Promise<void> {
  const group = await runProcessGroup(options);
  process.once("SIGTERM", () => void group.stop("SIGTERM"));
  process.once("SIGINT", () => void group.stop("SIGINT"));
  if (!(await group.done)) process.exitCode = 1;
}
