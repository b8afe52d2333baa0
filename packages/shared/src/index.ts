export * from "./calls/call-event-payload.ts";
export * from "./company/hours.ts";
export * from "./env/env-schema.ts";
export * from "./legacy/conversation-settings.ts";
export * from "./realtime/models.ts";
export * from "./realtime/settings.ts";
export * from "./realtime/template-variables.ts";
export * from "./realtime/voices.ts";
