// `./koe start bridge --processes auto|N`: one bridge process per core (or N), each under its own
// instance name on a loopback port, behind HAProxy on BRIDGE_PORT (docs: deploy/README.md).
import { hostname } from "node:os";
import { fileURLToPath } from "node:url";
import { parseProcessesArgs, runProcessGroupUntilSignalled } from "@koe/cluster";
import { readBridgeEnv } from "./env.ts";
import { createLogger } from "./logger.ts";

const { processes, firstPort } = parseProcessesArgs(process.argv.slice(2));
// Read (and refused, when incomplete) once here, before any process starts.
const env = readBridgeEnv();
const logger = createLogger(env.LOG_LEVEL).child({ module: "processes" });
// Names that survive a restart (not `<host>-<pid>`), so a stream routed to a restarted process still
// finds it; `-p<i>` is never read as a process id by crash recovery.
const base = process.env.BRIDGE_INSTANCE ?? hostname().replace(/[^a-zA-Z0-9_-]/g, "-");
const first = firstPort ?? env.BRIDGE_PORT + 100;
const main = new URL(import.meta.url.endsWith(".ts") ? "./main.ts" : "./main.js", import.meta.url);

await runProcessGroupUntilSignalled({
  role: "bridges",
  entry: fileURLToPath(main),
  count: processes,
  listen: { host: "0.0.0.0", port: env.BRIDGE_PORT },
  processEnv: (index) => ({
    name: `${base}-p${index + 1}`,
    port: first + index,
    env: {
      BRIDGE_INSTANCE: `${base}-p${index + 1}`,
      BRIDGE_PORT: String(first + index),
      BRIDGE_METRICS_PORT: String(env.BRIDGE_METRICS_PORT === 0 ? 0 : env.BRIDGE_METRICS_PORT + index),
    },
  }),
  log: (message) => logger.info(message),
});
