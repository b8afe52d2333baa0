import { randomBytes } from "node:crypto";

/** Ids shaped like the API's: `event_…`, `item_…`, `resp_…`, `call_…`, `sess_…`. */
export function newId(prefix: "event" | "item" | "resp" | "call" | "sess" | "conv"): string {
  return `${prefix}_${randomBytes(11).toString("base64url").slice(0, 15)}`;
}
