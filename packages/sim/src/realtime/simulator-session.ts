import type {
  RealtimeClientEvent,
  RealtimeServerEvent,
  RealtimeSessionCreateRequest,
} from "openai/resources/realtime/realtime";
import type { WebSocket } from "ws";
import { readStamp, stampClock, stampFrame } from "../audio/frame-stamp.ts";
import { FALLBACK_AGENT_LINE, type Scenario, type ScenarioStep } from "../scenarios/scenario.ts";
import { bytesPerMs, toMulaw } from "./audio-format.ts";
import { type ClientEventError, parseClientEvent } from "./client-events.ts";
import { Conversation, type Refusal } from "./conversation.ts";
import type { Faults } from "./faults.ts";
import { newId } from "./ids.ts";
import { type ResponsePlan, ResponseStreamer } from "./response-streamer.ts";
import { ServerVad } from "./server-vad.ts";
import { applySessionUpdate, defaultSession } from "./session-config.ts";
import type { SimClock } from "./sim-clock.ts";
import { emitUserTurn } from "./user-turn.ts";

/** A server event before the simulator stamps its `event_id`. */
export type ServerEventBody = RealtimeServerEvent extends infer E
  ? E extends unknown
    ? Omit<E, "event_id">
    : never
  : never;

export type RecordedClientEvent = { atMs: number; event: RealtimeClientEvent };

export type SessionOptions = {
  model: string;
  scenario: Scenario;
  faults: Faults;
  /** The model's own thinking time before a response's first event. */
  responseLatencyMs: number;
  /** Audio per `response.output_audio.delta`. */
  audioChunkMs: number;
  /** Audio delivery speed relative to real time. */
  audioPace: number;
  /** Benchmark mode: stamp generated audio and time the stamped audio received. */
  stampAudio: boolean;
  /** Paces response audio and the model's latency. */
  clock: SimClock;
  stats: SimulatorStats;
};

/** Counts a benchmark reads: audio frames in and out, and how long stamped input took to arrive. */
export type SimulatorStats = { appendsReceived: number; deltasSent: number; inboundLatenciesMs: number[] };

const MIN_COMMIT_MS = 100;

/**
 * One simulated GA Realtime session on one WebSocket: session config, input audio buffer with
 * server VAD, conversation items, and responses scripted by the scenario.
 */
export class SimulatorSession {
  readonly id = newId("sess");
  /** Every client event received, for assertions. */
  readonly received: RecordedClientEvent[] = [];
  /** Every server event sent. */
  readonly sent: RealtimeServerEvent[] = [];
  readonly conversation = new Conversation((body) => this.emit(body));
  session: RealtimeSessionCreateRequest;

  private readonly started = performance.now();
  private readonly vad: ServerVad;
  private readonly steps: { agent: ScenarioStep[]; caller: ScenarioStep[] };
  private agentCursor = 0;
  private callerCursor = 0;
  private pendingUserItemId: string | null = null;
  private bufferedMs = 0;
  private audioSinceLastResponseMs = 0;
  private responsesDone = 0;
  private audioProduced = false;
  private active: ResponseStreamer | null = null;
  private readQueue: Promise<void> = Promise.resolve();

  private readonly socket: WebSocket;
  private readonly options: SessionOptions;

  constructor(socket: WebSocket, options: SessionOptions) {
    this.socket = socket;
    this.options = options;
    this.session = defaultSession(options.model);
    const td = this.session.audio?.input?.turn_detection;
    this.vad = new ServerVad({
      threshold: td?.type === "server_vad" ? (td.threshold ?? 0.5) : 0.5,
      prefixPaddingMs: td?.type === "server_vad" ? (td.prefix_padding_ms ?? 300) : 300,
      silenceDurationMs: td?.type === "server_vad" ? (td.silence_duration_ms ?? 500) : 500,
    });
    this.steps = {
      agent: options.scenario.steps.filter((s) => s.speaker === "agent" || s.speaker === "tool"),
      caller: options.scenario.steps.filter((s) => s.speaker === "caller"),
    };
  }

  /** Announces the session, as the API does right after the upgrade. */
  open(): void {
    this.emit({ type: "session.created", session: this.described() });
  }

  /** The session as the API describes it in events: the effective config plus its `sess_…` id. */
  private described(): RealtimeSessionCreateRequest {
    return Object.assign(structuredClone(this.session), { id: this.id, object: "realtime.session" });
  }

  /** One frame from the client (null: a binary frame); handled strictly in order, even when reading is slowed down. */
  receive(frame: string | null): void {
    this.readQueue = this.readQueue.then(async () => {
      const slow = this.options.faults.slowReadMs;
      if (slow) await new Promise((r) => setTimeout(r, slow));
      try {
        this.handle(frame);
      } catch (error) {
        // A bug in the simulator must show up as an error event, never as a silent stall.
        const message = error instanceof Error ? error.message : String(error);
        this.error({ code: "server_error", message, param: null, eventId: null }, "server_error");
      }
    });
  }

  close(): void {
    this.active?.cancel("client_cancelled", false);
  }

  emit(body: ServerEventBody): void {
    const event = { event_id: newId("event"), ...body } as RealtimeServerEvent;
    this.sent.push(event);
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(event));
  }

  private error(error: ClientEventError, type = "invalid_request_error"): void {
    this.emit({
      type: "error",
      error: { type, code: error.code, message: error.message, param: error.param, event_id: error.eventId },
    });
  }

  private refuse(refusal: Refusal | null, eventId: string | null): void {
    if (refusal) this.error({ ...refusal, eventId });
  }

  private handle(frame: string | null): void {
    if (frame === null) {
      return this.error({
        code: "invalid_event",
        message: "Binary frames are not supported; send JSON text frames.",
        param: null,
        eventId: null,
      });
    }
    const parsed = parseClientEvent(frame);
    if (!parsed.ok) return this.error(parsed.error);
    const event = parsed.event;
    this.received.push({ atMs: performance.now() - this.started, event });
    const drop = this.options.faults.dropSocket;
    if (drop?.onClientEvent === event.type) {
      this.options.faults.dropSocket = undefined;
      this.socket.terminate();
      return;
    }
    const injected = this.options.faults.errorOn;
    if (injected && injected.clientEvent === event.type && injected.remaining > 0) {
      injected.remaining--;
      return this.error(
        { code: injected.code, message: injected.message, param: null, eventId: event.event_id ?? null },
        "server_error",
      );
    }
    const eventId = event.event_id ?? null;
    switch (event.type) {
      case "session.update":
        return this.onSessionUpdate(event.session, eventId);
      case "input_audio_buffer.append":
        return this.onAppend(Buffer.from(event.audio, "base64"));
      case "input_audio_buffer.commit":
        return this.onCommit(eventId);
      case "input_audio_buffer.clear":
        this.bufferedMs = 0;
        this.pendingUserItemId = null;
        this.vad.reset();
        return this.emit({ type: "input_audio_buffer.cleared" });
      case "conversation.item.create":
        return this.refuse(this.conversation.create(event.item), eventId);
      case "conversation.item.retrieve":
        return this.refuse(this.conversation.retrieve(event.item_id), eventId);
      case "conversation.item.delete":
        return this.refuse(this.conversation.delete(event.item_id), eventId);
      case "conversation.item.truncate": {
        const refusal = this.conversation.truncate(event.item_id, event.content_index, event.audio_end_ms);
        if (!refusal) this.active?.truncate(event.item_id);
        return this.refuse(refusal, eventId);
      }
      case "response.create":
        return this.startResponse(eventId);
      case "response.cancel":
        if (!this.active || (event.response_id && event.response_id !== this.active.id)) {
          return this.error({
            code: "response_cancel_not_active",
            message: "Cancellation failed: no active response found.",
            param: null,
            eventId,
          });
        }
        return this.active.cancel("client_cancelled");
      default:
        return this.error({
          code: "unsupported_by_simulator",
          message: `The simulator does not handle '${event.type}'.`,
          param: "type",
          eventId,
        });
    }
  }

  private onSessionUpdate(update: unknown, eventId: string | null): void {
    const result = applySessionUpdate(this.session, update, this.audioProduced);
    if (!result.ok) return this.error({ ...result.error, eventId });
    this.session = result.session;
    const td = this.session.audio?.input?.turn_detection;
    if (td?.type === "server_vad") {
      this.vad.configure({
        threshold: td.threshold ?? 0.5,
        prefixPaddingMs: td.prefix_padding_ms ?? 300,
        silenceDurationMs: td.silence_duration_ms ?? 500,
      });
    }
    this.emit({ type: "session.updated", session: this.described() });
  }

  private onAppend(audio: Buffer): void {
    this.options.stats.appendsReceived++;
    if (this.options.stampAudio) {
      const stamp = readStamp(audio);
      if (stamp) this.options.stats.inboundLatenciesMs.push(stampClock() - stamp.sentAt);
    }
    const format = this.session.audio?.input?.format;
    const ms = audio.length / bytesPerMs(format);
    this.bufferedMs += ms;
    this.audioSinceLastResponseMs += ms;
    const td = this.session.audio?.input?.turn_detection;
    // Semantic VAD is simulated by the same energy detector; only server-side detection matters here.
    if (!td) return;
    for (const vadEvent of this.vad.push(toMulaw(audio, format))) {
      if (vadEvent.type === "speech_started") {
        this.pendingUserItemId = newId("item");
        this.emit({
          type: "input_audio_buffer.speech_started",
          audio_start_ms: vadEvent.audioStartMs,
          item_id: this.pendingUserItemId,
        });
        if (this.active && td.interrupt_response !== false) this.active.cancel("turn_detected");
      } else {
        const itemId = this.pendingUserItemId ?? newId("item");
        this.emit({
          type: "input_audio_buffer.speech_stopped",
          audio_end_ms: vadEvent.audioEndMs,
          item_id: itemId,
        });
        this.commitUserTurn(itemId);
        if (td.create_response !== false) this.startResponse(null);
      }
    }
  }

  private onCommit(eventId: string | null): void {
    if (this.bufferedMs < MIN_COMMIT_MS) {
      return this.error({
        code: "input_audio_buffer_commit_empty",
        message: `Error committing input audio buffer: buffer too small. Expected at least ${MIN_COMMIT_MS}ms of audio, but buffer only has ${this.bufferedMs.toFixed(2)}ms of audio.`,
        param: null,
        eventId,
      });
    }
    this.commitUserTurn(this.pendingUserItemId ?? newId("item"));
  }

  /** The buffered audio becomes a user message; its transcript is the scenario's next caller line. */
  private commitUserTurn(itemId: string): void {
    this.pendingUserItemId = null;
    this.bufferedMs = 0;
    const step = this.steps.caller[this.callerCursor++];
    const transcript = step?.speaker === "caller" ? step.say : "はい。";
    emitUserTurn(this.conversation, (e) => this.emit(e), {
      itemId,
      transcript,
      transcribed: Boolean(this.session.audio?.input?.transcription),
    });
  }

  private startResponse(eventId: string | null): void {
    if (this.active) {
      return this.error({
        code: "conversation_already_has_active_response",
        message: `Conversation already has an active response in progress: ${this.active.id}. Wait until the response is finished before creating a new one.`,
        param: null,
        eventId,
      });
    }
    const step = this.steps.agent[this.agentCursor++];
    const plan: ResponsePlan =
      step?.speaker === "tool"
        ? { kind: "tool", name: step.name, arguments: JSON.stringify(step.arguments) }
        : { kind: "say", text: step?.speaker === "agent" ? step.say : FALLBACK_AGENT_LINE };
    const inputAudioMs = this.audioSinceLastResponseMs;
    this.audioSinceLastResponseMs = 0;
    const streamer = new ResponseStreamer({
      plan,
      session: this.session,
      emit: (body) => this.emit(body),
      addItem: (item, audioMs, transcript) => this.conversation.add(item, audioMs, transcript),
      itemRecord: (id) => this.conversation.record(id),
      latencyMs: this.options.responseLatencyMs,
      firstAudioDelayMs: () => this.options.faults.firstAudioDelayMs ?? 0,
      audioChunkMs: this.options.audioChunkMs,
      audioPace: this.options.audioPace,
      clock: this.options.clock,
      prepareChunk: (chunk, seq) => {
        // Audio the peer can no longer receive (it closed the socket) is not counted as sent.
        if (this.socket.readyState === this.socket.OPEN) this.options.stats.deltasSent++;
        return this.options.stampAudio ? stampFrame(chunk, seq) : chunk;
      },
      usageInput: {
        instructionsChars: this.session.instructions?.length ?? 0,
        inputAudioMs,
        turn: this.responsesDone,
      },
      onAudio: () => {
        this.audioProduced = true;
      },
    });
    this.active = streamer;
    void streamer.run().finally(() => {
      this.responsesDone++;
      if (this.active === streamer) this.active = null;
    });
  }
}
