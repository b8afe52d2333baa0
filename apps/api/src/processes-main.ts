// `./koe start api --processes auto|N`: N api processes on loopback ports behind HAProxy on
// API_PORT. Api processes are stateless: HAProxy round-robins them (docs: deploy/README.md).
import { fileURLToPath } from "node:url";
import { parseProcessesArgs, runProcessGroupUntilSignalled } from "@koe/cluster";
import { readApiEnv } from "./env.ts";
import { createLogger } from "./logger.ts";

const { processes, firstPort } = parseProcessesArgs(process.argv.slice(2));
const env = readApiEnv();
const logger = createLogger(env.LOG_LEVEL).child({ module: "processes" });
const first = firstPort ?? env.API_PORT + 200;
const main = new URL(import.meta.url.endsWith(".ts") ? "./main.ts" : "./main.js", import.meta.url);

await runProcessGroupUntilSignalled({
  role: "apis",
  entry: fileURLToPath(main),
  count: processes,
  listen: { host: "0.0.0.0", port: env.API_PORT },
  processEnv: (index) => ({
    name: `api-p${index + 1}`,
    port: first + index,
    env: { API_PORT: String(first + index) },
  }),
  log: (message) => logger.info(message),
});
