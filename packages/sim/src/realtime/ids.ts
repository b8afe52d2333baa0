import { randomBytes } from "node:crypto";

// Random per process, then a counter: as unique as fresh random bytes per id, without a crypto
// call for every event the simulator sends (a thousand simulated calls send tens of thousands a second).
const PROCESS_PART = randomBytes(6).toString("base64url");
let counter = 0;

/** Ids shaped like the API's: `event_…`, `item_…`, `resp_…`, `call_…`, `sess_…`, `rtc_…` (a WebRTC call). */
export function newId(prefix: "event" | "item" | "resp" | "call" | "sess" | "conv" | "rtc"): string {
  return `${prefix}_${PROCESS_PART}${(counter++).toString(36).padStart(7, "0")}`;
}
