import type {
  RealtimeClientEvent,
  RealtimeServerEvent,
  RealtimeSessionCreateRequest,
} from "openai/resources/realtime/realtime";
import { stampFrame } from "../audio/frame-stamp.ts";
import type { Scenario } from "../scenarios/scenario.ts";
import { interruptOnSpeech, truncateHeard } from "./barge-in.ts";
import { type ClientEventError, parseClientEvent } from "./client-events.ts";
import { Conversation, type Refusal } from "./conversation.ts";
import type { Faults } from "./faults.ts";
import { newId } from "./ids.ts";
import { InputAudioBuffer } from "./input-audio-buffer.ts";
import { ResponseStreamer } from "./response-streamer.ts";
import { ScenarioScript } from "./scenario-script.ts";
import { applySessionUpdate, defaultSession } from "./session-config.ts";
import type { SessionSocket } from "./session-socket.ts";
import type { SimClock } from "./sim-clock.ts";

/** A server event before the simulator stamps its `event_id`. */
export type ServerEventBody = RealtimeServerEvent extends infer E
  ? E extends unknown
    ? Omit<E, "event_id">
    : never
  : never;

export type RecordedClientEvent = { atMs: number; event: RealtimeClientEvent };

export type SessionOptions = {
  model: string;
  /** The effective config it starts with (a client secret's session); default: GA's defaults for the model. */
  session?: RealtimeSessionCreateRequest;
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
  private readonly script: ScenarioScript;
  private readonly input: InputAudioBuffer;
  private responsesDone = 0;
  private audioProduced = false;
  private active: ResponseStreamer | null = null;
  private readQueue: Promise<void> = Promise.resolve();

  private readonly socket: SessionSocket;
  private readonly options: SessionOptions;

  constructor(socket: SessionSocket, options: SessionOptions) {
    this.socket = socket;
    this.options = options;
    this.session = options.session ?? defaultSession(options.model);
    this.script = new ScenarioScript(options.scenario);
    this.input = new InputAudioBuffer({
      emit: (body) => this.emit(body),
      error: (error) => this.error(error),
      session: () => this.session,
      conversation: this.conversation,
      nextCallerLine: () => this.script.nextCallerLine(),
      onSpeechStarted: (td) => interruptOnSpeech(this.active, td),
      onTurnEnded: (td) => {
        if (td.create_response !== false) this.startResponse(null);
      },
      stats: options.stats,
      stampAudio: options.stampAudio,
    });
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
        return this.input.append(Buffer.from(event.audio, "base64"));
      case "input_audio_buffer.commit":
        return this.input.commit(eventId);
      case "input_audio_buffer.clear":
        return this.input.clear();
      case "conversation.item.create":
        return this.refuse(this.conversation.create(event.item), eventId);
      case "conversation.item.retrieve":
        return this.refuse(this.conversation.retrieve(event.item_id), eventId);
      case "conversation.item.delete":
        return this.refuse(this.conversation.delete(event.item_id), eventId);
      case "conversation.item.truncate":
        return this.refuse(truncateHeard(this.conversation, this.active, event), eventId);
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
    this.input.configure(this.session);
    this.emit({ type: "session.updated", session: this.described() });
  }

  /** Caller audio in the session's input format that arrived outside the events (a WebRTC call's track). */
  hearAudio(audio: Buffer): void {
    this.input.append(audio);
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
    const inputAudioMs = this.input.takeAudioSinceLastResponse();
    const streamer = new ResponseStreamer({
      plan: this.script.nextAgentPlan(),
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
