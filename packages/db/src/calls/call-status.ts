import type { CallStatus } from "../generated/prisma/enums.ts";

/** A call in one of these holds a line (or is about to); every other status is final. */
export const LIVE_CALL_STATUSES = ["initiated", "ringing", "active"] as const satisfies CallStatus[];
