import type { CallEndReason } from "@koe/db";
import type { Base64Audio } from "@koe/shared";
import type { Logger } from "../logger.ts";
import { AgentPlayback } from "./agent-playback.ts";
import { BargeIn } from "./barge-in.ts";
import { CallTeardown } from "./call-teardown.ts";
import { ConversationMemory } from "./conversation-memory.ts";
import { HeardAgentLines } from "./heard-agent-lines.ts";
import { MediaClock } from "./media-clock.ts";
import { ProviderConnection } from "./provider-connection.ts";
import {
  DEFAULT_HANG_UP_GRACE_MS,
  DEFAULT_TRANSCRIPT_HOLD_MS,
  type RealtimeCallDeps,
} from "./realtime-call-deps.ts";
import { ResponseRequests } from "./response-requests.ts";
import { SendBudget } from "./send-budget.ts";
import { ServerEventRouter } from "./server-event-router.ts";
import type { TelephonyStream } from "./telephony-stream.ts";
import { TranscriptOrder } from "./transcript-order.ts";
import { UsageMeter } from "./usage-meter.ts";

/**
 * One phone call on the realtime engine: Twilio audio in and out of an OpenAI GA session, the
 * provider's events handed to `server-event-router.ts`, failures to the operator path, and the
 * call's end. Socket handlers only translate; the logic lives here.
 */
export class RealtimeCall {
  private readonly deps: RealtimeCallDeps;
  private readonly log: Logger;
  private readonly provider: ProviderConnection;
  private readonly memory = new ConversationMemory();
  private readonly transcript: TranscriptOrder;
  /** The agent's lines wait here until the caller has heard them (or cut them off). */
  private readonly heardLines: HeardAgentLines;
  private readonly router: ServerEventRouter;
  private readonly usage: UsageMeter;
  private readonly playback: AgentPlayback;
  /** Stream time, from the caller's frames: what the agent's playback is counted on. */
  private readonly clock = new MediaClock();
  private readonly bargeIn: BargeIn;
  private readonly responses: ResponseRequests;
  private stream: TelephonyStream | null = null;
  /** Backpressure towards Twilio: agent audio is dropped, never queued, while Twilio is not reading. */
  private readonly twilioBudget: SendBudget;
  private readonly streamWaitTimer: NodeJS.Timeout;
  private idleTimer: NodeJS.Timeout | null = null;
  /** How the call ends: once, with its reason, through the operator path when it fails. */
  private readonly teardown: CallTeardown;

  constructor(deps: RealtimeCallDeps) {
    this.deps = deps;
    this.log = deps.logger.child({ callSid: deps.call.callSid });
    this.usage = new UsageMeter(deps.call.model);
    this.transcript = new TranscriptOrder({
      holdMs: deps.transcriptHoldMs ?? DEFAULT_TRANSCRIPT_HOLD_MS,
      onLine: (line) =>
        this.shielded(() => {
          this.memory.add(line.role, line.text);
          if (line.role !== "tool")
            this.deps.journal.event(this.deps.call, "transcript", { ...line, role: line.role });
        }),
    });
    this.heardLines = new HeardAgentLines((line) => this.transcript.fill(line));
    this.teardown = new CallTeardown({
      call: deps.call,
      journal: deps.journal,
      metrics: deps.metrics,
      log: this.log,
      graceMs: deps.hangUpGraceMs ?? DEFAULT_HANG_UP_GRACE_MS,
      stream: () => this.stream,
      transcript: this.transcript,
      stopCall: () => {
        // Nothing more plays: the agent's lines still waiting for their playback go out as written.
        this.heardLines.close();
        clearTimeout(this.streamWaitTimer);
        if (this.idleTimer) clearTimeout(this.idleTimer);
        this.twilioBudget.stop();
      },
      closeProvider: () => this.provider.close(),
      handOver: (reason) => deps.handOver(reason),
      hangUp: () => deps.hangUp(),
      onEnded: () => deps.onEnded(),
    });
    // The caller may hang up before the stream starts: a call that never streams must not linger.
    this.streamWaitTimer = setTimeout(() => this.guard(() => this.end("canceled")), deps.streamWaitMs);
    this.streamWaitTimer.unref();
    this.provider = new ProviderConnection({
      call: deps.call,
      openTransport: deps.openTransport,
      session: deps.session,
      memory: this.memory,
      journal: deps.journal,
      metrics: deps.metrics,
      logger: this.log,
      onEvent: (event) => {
        if (!this.teardown.ended) return this.guard(() => this.router.route(event));
        this.teardown.afterEnd(event, () => this.shielded(() => this.router.route(event)));
      },
      onReady: () =>
        this.guard(() => {
          if (this.stream) this.responses.requestIfWanted();
        }),
      onLost: () =>
        this.guard(() => {
          // The new session knows nothing of the item Twilio may still be playing, and the old one
          // will transcribe nothing more: the lines known so far go out, and into the restore note.
          this.heardLines.release();
          this.transcript.flush();
          this.responses.lost();
          this.playback.reset();
        }),
      onUnavailable: () => this.teardown.leave("OpenAI Realtime API unavailable", "realtime_unavailable"),
      onRefused: async (refusal) => {
        await this.deps.alertRefusal(refusal).catch((error: unknown) => {
          this.log.error({ err: error }, "could not record the operator alert");
        });
        await this.teardown.leave(`OpenAI refused the session (${refusal.label})`, "realtime_refused");
      },
      onStalled: () => void this.teardown.leave("OpenAI stopped reading the call's audio", "peer_stalled"),
      onFault: (error) => this.fault(error),
      ...(deps.reconnectPolicy ? { policy: deps.reconnectPolicy } : {}),
    });
    this.twilioBudget = new SendBudget({
      bufferedBytes: () => this.stream?.bufferedBytes ?? 0,
      onStalled: () => void this.teardown.leave("Twilio stopped reading the agent's audio", "peer_stalled"),
    });
    const send = this.provider.send.bind(this.provider);
    this.responses = new ResponseRequests({ isReady: () => this.provider.isReady, send });
    this.playback = new AgentPlayback({
      clock: () => this.clock.now(),
      stream: () => this.stream,
      metrics: deps.metrics,
      admit: (bytes) => this.twilioBudget.admit(bytes),
      onHeard: (itemId) => this.heardLines.played(itemId),
    });
    this.bargeIn = new BargeIn({
      call: deps.call,
      playback: this.playback,
      heardLines: this.heardLines,
      send,
      journal: deps.journal,
      metrics: deps.metrics,
    });
    this.router = new ServerEventRouter({
      ...deps,
      logger: this.log,
      usage: this.usage,
      playback: this.playback,
      bargeIn: this.bargeIn,
      responses: this.responses,
      transcript: this.transcript,
      heardLines: this.heardLines,
      send,
      stream: () => this.stream,
      isOver: () => this.teardown.over,
      touch: () => this.idleTimer?.refresh(),
      end: (reason) => this.end(reason),
      leavingAs: (action) => this.teardown.movingBy(action),
      fault: (error) => this.fault(error),
    });
  }

  get callSid(): string {
    return this.deps.call.callSid;
  }

  /** Bytes waiting in this process to reach each peer: bounded by the send budgets (see `send-budget.ts`). */
  get unsentBytes(): { twilio: number; provider: number } {
    return { twilio: this.stream?.bufferedBytes ?? 0, provider: this.provider.bufferedBytes };
  }

  /** Opens and configures the OpenAI session (called while answering the voice webhook); never rejects. */
  prepare(): Promise<void> {
    return this.provider.open().catch((error: unknown) => this.fault(error));
  }

  /** Twilio's media stream for this call has started: greet the caller. */
  attach(stream: TelephonyStream, streamSid: string): void {
    // The call ended before its stream arrived: Twilio goes on with the TwiML after the stream.
    if (this.teardown.over) return stream.close();
    this.guard(() => this.attachStream(stream, streamSid));
  }

  private attachStream(stream: TelephonyStream, streamSid: string): void {
    this.stream = stream;
    this.deps.journal.updateCall(this.deps.call.id, { streamSid, status: "active", answeredAt: new Date() });
    this.deps.journal.event(this.deps.call, "status", { status: "active", detail: "media stream started" });
    this.responses.request();
    clearTimeout(this.streamWaitTimer);
    this.idleTimer = setTimeout(() => this.guard(() => this.end("idle_timeout")), this.deps.idleTimeoutMs);
    this.idleTimer.unref();
  }

  /**
   * One 20 ms frame of caller audio (base64 μ-law), passed through untouched; `timestampMs` is its
   * place in the stream.
   */
  callerAudio(payload: Base64Audio, timestampMs: number): void {
    // `guard`, written out: fifty frames a second per call need no closure each.
    if (this.teardown.over) return;
    try {
      this.clock.frame(timestampMs);
      this.deps.metrics.framesIn.inc();
      this.provider.appendAudio(payload);
    } catch (error) {
      this.fault(error);
    }
  }

  markPlayed(name: string): void {
    this.guard(() => this.playback.markPlayed(name));
  }

  dtmf(digit: string): void {
    this.guard(() => this.deps.journal.event(this.deps.call, "dtmf", { digit }));
  }

  /** Ends the call once, with `cause` unless it is already on its way out (see `call-teardown.ts`). */
  end(cause: CallEndReason): void {
    this.teardown.end(cause);
  }

  /**
   * Runs one piece of the call's handling: whatever it throws ends this call alone, through the
   * operator path, and never reaches the socket handler or timer that called it (where it would
   * end the process and every call in it).
   */
  private guard(handle: () => void): void {
    if (this.teardown.over) return;
    try {
      handle();
    } catch (error) {
      this.fault(error);
    }
  }

  /** Runs what may also run after the end (a line, the grace): a failure ends a call still on, else is logged. */
  private shielded(handle: () => void): void {
    try {
      handle();
    } catch (error) {
      if (this.teardown.over) this.log.error({ err: error }, "recording the ended call failed");
      else this.fault(error);
    }
  }

  /** The bridge failed on this call: the caller hears the apology and goes to the operator; the row is finalized. */
  private fault(error: unknown): void {
    if (this.teardown.over) return;
    this.log.error({ err: error }, "the call failed; handing it to the operator");
    this.deps.metrics.errors.inc({ source: "bridge" });
    this.deps.journal.event(this.deps.call, "error", {
      source: "bridge",
      code: "call_fault",
      message: error instanceof Error ? error.message : String(error),
    });
    void this.teardown.leave("the bridge failed on this call", "call_fault");
  }
}
