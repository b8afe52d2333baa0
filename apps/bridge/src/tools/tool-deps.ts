import type { BridgeContext } from "../context.ts";

/** What the production tools use of the bridge; `now` is the clock appointments are checked against. */
export type ToolDeps = Pick<BridgeContext, "prisma" | "journal" | "twilioRest" | "metrics" | "logger"> & {
  now(): Date;
};
