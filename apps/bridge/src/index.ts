export { type BridgeEnv, readBridgeEnv } from "./env.ts";
export { createBridgeServer } from "./server.ts";
