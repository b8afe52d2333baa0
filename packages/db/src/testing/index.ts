export { startTcpProxy, type TcpProxy } from "./tcp-proxy.ts";
export { insertTestCall } from "./test-call.ts";
export { createTestDatabase, type TestDatabase } from "./test-database.ts";
