export {
  demoCompany,
  demoConversationSettings,
  demoKeywordTemplates,
  demoRealtimeSettings,
} from "../seed/demo-data.ts";
export { startTcpProxy, type TcpProxy } from "./tcp-proxy.ts";
export { insertTestCall, insertTestEvent } from "./test-call.ts";
export { createTestDatabase, type TestDatabase } from "./test-database.ts";
export { closedPortUrl, startUnresponsiveServer, type UnresponsiveServer } from "./unresponsive-server.ts";
