import type { RealtimeSessionCreateRequest } from "openai/resources/realtime/realtime";
import type { CallJournal } from "../events/call-journal.ts";
import type { BridgeMetrics } from "../http/metrics.ts";
import type { Logger } from "../logger.ts";
import type { ProviderRefusal } from "../realtime/provider-refusal.ts";
import type { RealtimeTransport } from "../realtime/realtime-transport.ts";
import type { ToolRegistry } from "../tools/tool-registry.ts";
import type { CallIdentity } from "./call-identity.ts";
import type { ReconnectPolicy } from "./reconnect-policy.ts";

/** What a realtime call is given: its identity, its peers, the process's services and its timings. */
export type RealtimeCallDeps = {
  call: CallIdentity;
  /** Opens a new provider socket: at the start, and again on each reconnection. */
  openTransport(): RealtimeTransport;
  session: RealtimeSessionCreateRequest;
  tools: ToolRegistry;
  journal: CallJournal;
  metrics: BridgeMetrics;
  logger: Logger;
  idleTimeoutMs: number;
  /** How long a pre-warmed call waits for Twilio's media stream before it is given up. */
  streamWaitMs: number;
  /** The provider stayed unreachable (or the call failed): apologize and move the caller to an operator. */
  handOver(reason: string): Promise<boolean>;
  /** OpenAI refused for a reason retrying cannot fix: the company's operators are alerted (once an hour). */
  alertRefusal(refusal: ProviderRefusal): Promise<void>;
  /** Ends the phone call itself (Twilio REST), so the caller is not left on the line. */
  hangUp(): Promise<void>;
  /** Told when the call has ended, so the registry can forget it. */
  onEnded(): void;
  /** Reconnection timing and concurrency (default: the process's shared policy). */
  reconnectPolicy?: ReconnectPolicy;
  /** Longest the agent's line waits in the event log for the caller's line before it (default 3 s). */
  transcriptHoldMs?: number;
  /** Longest OpenAI stays open after the end for the call's last lines (the caller's transcription; default 3 s). */
  hangUpGraceMs?: number;
};

export const DEFAULT_TRANSCRIPT_HOLD_MS = 3_000;
export const DEFAULT_HANG_UP_GRACE_MS = 3_000;
