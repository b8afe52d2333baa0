export { readStamp, STAMP_BYTES, stampClock, stampFrame } from "./audio/frame-stamp.ts";
export { decode as decodeMulaw, encode as encodeMulaw } from "./audio/mulaw.ts";
export { speakingDurationMs, synthesizeSilence, synthesizeSpeech } from "./audio/synthetic-speech.ts";
export {
  FakeOpenAIRest,
  type FakeOpenAIRestOptions,
  type RecordedOpenAIRequest,
} from "./openai/fake-openai-rest.ts";
export { API_PACING, type AudioPacing } from "./realtime/audio-pacing.ts";
export { type Faults, SESSION_REFUSALS, type SessionRefusalCode } from "./realtime/faults.ts";
export {
  MAX_FRAME_BYTES,
  RealtimeSimulator,
  type RealtimeSimulatorOptions,
} from "./realtime/realtime-simulator.ts";
export { ServerVad, type ServerVadConfig, type VadEvent } from "./realtime/server-vad.ts";
export type { RecordedClientEvent, SimulatorStats } from "./realtime/session-events.ts";
export { type SimClock, wallClock } from "./realtime/sim-clock.ts";
export type { SimulatorSession } from "./realtime/simulator-session.ts";
export { SCENARIOS, type ScenarioName, scenarioByName } from "./scenarios/fixtures.ts";
export {
  type Scenario,
  type ScenarioInput,
  type ScenarioStep,
  scenarioSchema,
} from "./scenarios/scenario.ts";
export { ManualClock } from "./testing/manual-clock.ts";
export {
  type CallerTurn,
  type CallResult,
  emptyCallResult,
  type PlaceCallOptions,
} from "./twilio/call-result.ts";
export { placeCall } from "./twilio/caller-simulator.ts";
export {
  FakeTwilioRest,
  type RecordedTwilioRequest,
  type TwilioRestError,
} from "./twilio/fake-twilio-rest.ts";
export type { LiveCallUpdate } from "./twilio/live-call-channel.ts";
export type { HeardSegment } from "./twilio/playback.ts";
export { summarizeTwilioRequest, type TwilioRequestSummary } from "./twilio/twilio-request-summary.ts";
export { type ParsedTwiml, parseTwiml } from "./twilio/twiml.ts";
