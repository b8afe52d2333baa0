import type { CallEndReason } from "@koe/db";
import type { CallJournal } from "../events/call-journal.ts";
import type { BridgeMetrics } from "../http/metrics.ts";
import type { Logger } from "../logger.ts";
import type { ServerEvent } from "../realtime/server-events.ts";
import type { CallAction } from "../tools/tool-registry.ts";
import { endedCallRow, HangUpGrace } from "./call-ending.ts";
import type { CallIdentity } from "./call-identity.ts";
import type { TelephonyStream } from "./telephony-stream.ts";

export type CallTeardownDeps = {
  call: CallIdentity;
  journal: CallJournal;
  metrics: BridgeMetrics;
  log: Logger;
  /** Longest the provider stays open after the end for the call's last lines. */
  graceMs: number;
  stream(): TelephonyStream | null;
  /** Whether a line of the call is still to come, and the lines known so far written out. */
  transcript: { readonly awaiting: boolean; flush(): void };
  /** Stops what keeps the call going (its timers, its sending to Twilio). */
  stopCall(): void;
  closeProvider(): void;
  handOver(reason: string): Promise<boolean>;
  hangUp(): Promise<void>;
  onEnded(): void;
};

/** The provider's events a call still awaits after its end: its last lines. */
const LAST_LINE_EVENTS = new Set<ServerEvent["type"]>([
  "conversation.item.input_audio_transcription.completed",
  "conversation.item.input_audio_transcription.failed",
  "response.output_audio_transcript.done",
]);

/**
 * How a realtime call ends, once and with the right reason: its own end (a hang-up, idleness, a
 * tool's move), or on its way out through the operator path when it fails. After the end, the
 * provider stays open a bounded grace while the call's last lines are still to come.
 */
export class CallTeardown {
  private readonly deps: CallTeardownDeps;
  private readonly startedAt = Date.now();
  private hasEnded = false;
  /** Set at the end: OpenAI stays open while the call's last lines are still to come. */
  private grace: HangUpGrace | null = null;
  /**
   * Set once the call is on its way out through the operator path, with the reason it will end
   * with; later input is ignored.
   */
  private leavingAs: CallEndReason | null = null;
  /**
   * Set while a tool moves the call (the operator handoff), with the reason it will end with: the
   * call goes on as usual until the move lands, but Twilio's stop for it is not the caller's.
   */
  private movingAs: CallEndReason | null = null;

  constructor(deps: CallTeardownDeps) {
    this.deps = deps;
  }

  get ended(): boolean {
    return this.hasEnded;
  }

  get leaving(): boolean {
    return this.leavingAs !== null;
  }

  /** Ended, or on its way out: nothing more of the call is handled. */
  get over(): boolean {
    return this.hasEnded || this.leavingAs !== null;
  }

  /** A tool is about to move the call: it ends with `action` even if Twilio's stop comes first. Returns the undo. */
  movingBy(action: CallAction): () => void {
    this.movingAs = action;
    return () => {
      this.movingAs = null;
    };
  }

  /**
   * Ends the call once: closes the stream, finalizes the row and releases the call at once. OpenAI
   * stays open a bounded grace while the caller's last line is still being transcribed (after a
   * hang-up the API finishes it a moment later); the "ended" event follows the call's last lines.
   */
  end(cause: CallEndReason): void {
    if (this.hasEnded) return;
    this.hasEnded = true;
    const { deps } = this;
    // Twilio stops the stream when the bridge's own redirect lands: that stop is not the caller's.
    const reason = this.leavingAs ?? this.movingAs ?? cause;
    deps.stopCall();
    // An idle caller is hung up; otherwise closing the stream lets Twilio go on with the TwiML.
    if (reason === "idle_timeout") {
      void deps.hangUp().finally(() => deps.stream()?.close());
    } else {
      deps.stream()?.close();
    }
    deps.journal.updateCall(deps.call.id, endedCallRow(reason, this.startedAt));
    deps.metrics.callsEnded.inc({ reason });
    deps.log.info({ reason }, "call ended");
    this.grace = new HangUpGrace(
      {
        graceMs: deps.graceMs,
        awaiting: () => deps.transcript.awaiting,
        close: () => this.closeProvider(reason),
      },
      // A restart drains the journal right away, and a failed call's provider is already closed.
      reason !== "bridge_restarted" && !this.leaving,
    );
    deps.onEnded();
  }

  /** An event of the provider after the end: `route` takes it if it is one of the call's awaited last lines. */
  afterEnd(event: ServerEvent, route: () => void): void {
    const { grace } = this;
    if (grace && LAST_LINE_EVENTS.has(event.type)) {
      route();
      grace.settled();
    }
  }

  /** Hands the caller to the operator (the apology first), then ends the call with `reason`. Never rejects. */
  async leave(handoffReason: string, reason: CallEndReason): Promise<void> {
    if (this.over) return;
    this.leavingAs = reason;
    const { deps } = this;
    // Nothing more is sent to or read from OpenAI while Twilio moves the caller.
    deps.closeProvider();
    try {
      await deps.handOver(handoffReason);
    } catch (error) {
      deps.log.error({ err: error }, "the operator handoff failed");
    }
    try {
      this.end(reason);
    } catch (error) {
      deps.log.error({ err: error }, "ending the call failed");
      deps.onEnded();
    }
  }

  /** The last step of `end`: OpenAI closed, the lines known so far and the "ended" event journaled. */
  private closeProvider(reason: CallEndReason): void {
    const { deps } = this;
    deps.closeProvider();
    deps.transcript.flush();
    try {
      deps.journal.event(deps.call, "status", { status: "ended", detail: reason });
    } catch (error) {
      deps.log.error({ err: error }, "recording the ended call failed");
    }
  }
}
