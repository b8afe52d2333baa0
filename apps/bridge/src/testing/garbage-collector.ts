import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

// Set at run time, so that no test command needs --expose-gc; a new context picks the flag up.
setFlagsFromString("--expose-gc");

/** V8's full garbage collection, for tests that count what stays alive. */
export const gc = runInNewContext("gc") as () => void;
