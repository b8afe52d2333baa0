export { freePort } from "./free-port.ts";
export {
  BRIDGE_PATH_PREFIX,
  type HaproxyOptions,
  haproxyConfig,
  MEDIA_STREAM_PATH,
  type Upstream,
} from "./haproxy-config.ts";
export { checkHaproxyConfig, HAPROXY_PATH, type RunningHaproxy, startHaproxy } from "./haproxy-process.ts";
export { type ProcessGroup, type ProcessGroupOptions, runProcessGroup } from "./process-group.ts";
export { parseProcessesArgs } from "./processes-option.ts";
export { runProcessGroupUntilSignalled } from "./run-from-command-line.ts";
export {
  startWatchedProcess,
  type WatchedProcess,
  type WatchedProcessOptions,
} from "./watched-process.ts";
