import type { RealtimeServerEvent, RealtimeSessionCreateRequest } from "openai/resources/realtime/realtime";
import { stampFrame } from "../audio/frame-stamp.ts";
import type { Scenario } from "../scenarios/scenario.ts";
import type { AudioPacing } from "./audio-pacing.ts";
import { interruptOnSpeech, truncateHeard } from "./barge-in.ts";
import { injectClientEventFault } from "./client-event-faults.ts";
import { type ClientEventError, parseClientEvent } from "./client-events.ts";
import { Conversation, type Refusal } from "./conversation.ts";
import { EventOutbox } from "./event-outbox.ts";
import { type Faults, SESSION_MAX_MS } from "./faults.ts";
import { newId } from "./ids.ts";
import { InputAudioBuffer } from "./input-audio-buffer.ts";

import { resolveResponse } from "./response-config.ts";
import { ResponseStreamer } from "./response-streamer.ts";
import { ScenarioScript } from "./scenario-script.ts";
import { type Random, seededRandom } from "./seeded-random.ts";
import { applySessionUpdate, defaultSession } from "./session-config.ts";
import type { RecordedClientEvent, ServerEventBody, SimulatorStats } from "./session-events.ts";
import type { SessionSocket } from "./session-socket.ts";
import type { SimClock } from "./sim-clock.ts";
import { emitTranscription } from "./user-turn.ts";

export type SessionOptions = {
  model: string;
  /** The effective config it starts with (a client secret's session); default: GA's defaults for the model. */
  session?: RealtimeSessionCreateRequest;
  scenario: Scenario;
  faults: Faults;
  /** The model's own thinking time before a response's first event. */
  responseLatencyMs: number;
  pacing: AudioPacing;
  /** When a caller turn's transcription completes, after its commit: a seeded-random moment in this range. */
  transcriptionDelayMs: { min: number; max: number };
  /** Seeds every random choice of the session (transcription moments, faults). */
  seed: number;
  /** Benchmark mode: stamp generated audio and time the stamped audio received. */
  stampAudio: boolean;
  /** Paces response audio, the model's latency, transcriptions and the session's expiry. */
  clock: SimClock;
  stats: SimulatorStats;
};

/**
 * One simulated GA Realtime session on one WebSocket: session config, input audio buffer with
 * server VAD, conversation items, and responses scripted by the scenario.
 */
export class SimulatorSession {
  readonly id = newId("sess");
  /** Every client event received, for assertions. */
  readonly received: RecordedClientEvent[] = [];
  readonly conversation = new Conversation((body) => this.emit(body));
  session: RealtimeSessionCreateRequest;
  /** The faults this session suffers: the simulator's, unless a test gives this session its own. */
  faults: Faults;

  private readonly started = performance.now();
  private readonly script: ScenarioScript;
  private readonly input: InputAudioBuffer;
  private readonly random: Random;
  private readonly outbox: EventOutbox;
  /** Aborts the session's own timers (transcriptions, expiry) when it ends. */
  private readonly ended = new AbortController();
  private responsesDone = 0;
  private audioDeltas = 0;
  private audioProduced = false;
  private active: ResponseStreamer | null = null;
  private readQueue: Promise<void> = Promise.resolve();

  private readonly socket: SessionSocket;
  private readonly options: SessionOptions;

  constructor(socket: SessionSocket, options: SessionOptions) {
    this.socket = socket;
    this.options = options;
    this.faults = options.faults;
    this.random = seededRandom(options.seed);
    this.outbox = new EventOutbox(socket, () => this.faults, this.random);
    this.session = options.session ?? defaultSession(options.model);
    this.script = new ScenarioScript(options.scenario);
    this.input = new InputAudioBuffer({
      emit: (body) => this.emit(body),
      error: (error) => this.error(error),
      session: () => this.session,
      conversation: this.conversation,
      nextCallerLine: () => this.script.nextCallerLine(),
      transcribe: (itemId, transcript) => this.transcribe(itemId, transcript),
      onSpeechStarted: (td) => interruptOnSpeech(this.active, td),
      onTurnEnded: (td) => {
        if (td.create_response !== false) this.startResponse(undefined, null);
      },
      stats: options.stats,
      stampAudio: options.stampAudio,
    });
  }

  /** The script this session follows. */
  get scenario(): Scenario {
    return this.options.scenario;
  }

  /** Every server event sent, as the client received it. */
  get sent(): RealtimeServerEvent[] {
    return this.outbox.sent;
  }

  /** Announces the session, as the API does right after the upgrade, and starts its 60-minute cap. */
  open(): void {
    this.emit({ type: "session.created", session: this.described() });
    const expiresAfter = this.faults.sessionExpiresAfterMs ?? SESSION_MAX_MS;
    void this.options.clock.sleep(expiresAfter, this.ended.signal).then((expired) => {
      if (!expired) return;
      this.refuseAndClose("session_expired", "Your session hit the maximum duration of 60 minutes.", 1000);
    });
  }

  /** Ends the session with an `error` event and a close frame, as the API ends or refuses one. */
  refuseAndClose(code: string, message: string, closeCode: number, type = "invalid_request_error"): void {
    this.error({ code, message, param: null, eventId: null }, type);
    this.socket.close(closeCode, code);
  }

  /** The session as the API describes it in events: the effective config plus its `sess_…` id. */
  private described(): RealtimeSessionCreateRequest {
    return Object.assign(structuredClone(this.session), { id: this.id, object: "realtime.session" });
  }

  /** One frame from the client (null: a binary frame); handled strictly in order, even when reading is slowed down. */
  receive(frame: string | null): void {
    this.readQueue = this.readQueue.then(async () => {
      const slow = this.faults.slowReadMs;
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
    this.ended.abort();
    this.outbox.close();
    this.active?.cancel("client_cancelled", false);
  }

  emit(body: ServerEventBody): void {
    const event = this.outbox.send(body);
    const drop = this.faults.dropSocket;
    if (event.type === "response.output_audio.delta" && drop?.afterAudioDeltas !== undefined) {
      if (++this.audioDeltas >= drop.afterAudioDeltas) {
        this.faults.dropSocket = undefined;
        this.socket.terminate();
      }
    }
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
    const faulted = injectClientEventFault(event, this.faults, {
      terminate: () => this.socket.terminate(),
      error: (error, type) => this.error(error, type),
    });
    if (faulted) return;
    const eventId = event.event_id ?? null;
    switch (event.type) {
      case "session.update":
        return this.onSessionUpdate(event.session, eventId);
      case "input_audio_buffer.append":
        return this.input.appendEvent(event.audio, eventId);
      case "input_audio_buffer.commit":
        return this.input.commit(eventId);
      case "input_audio_buffer.clear":
        return this.input.clear();
      case "conversation.item.create":
        return this.refuse(this.conversation.create(event.item, event.previous_item_id), eventId);
      case "conversation.item.retrieve":
        return this.refuse(this.conversation.retrieve(event.item_id), eventId);
      case "conversation.item.delete":
        return this.refuse(this.conversation.delete(event.item_id), eventId);
      case "conversation.item.truncate":
        return this.refuse(truncateHeard(this.conversation, this.active, event), eventId);
      case "response.create":
        return this.startResponse(event.response, eventId);
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

  /** The turn's transcription completes at a seeded-random moment: before, during or after the response. */
  private transcribe(itemId: string, transcript: string): void {
    const { min, max } = this.options.transcriptionDelayMs;
    const delay = this.random.int(min, max);
    const complete = () =>
      emitTranscription(this.conversation, (body) => this.emit(body), { itemId, transcript });
    if (delay <= 0) return complete();
    void this.options.clock.sleep(delay, this.ended.signal).then((elapsed) => elapsed && complete());
  }

  private startResponse(params: Parameters<typeof resolveResponse>[1], eventId: string | null): void {
    if (this.active) {
      return this.error({
        code: "conversation_already_has_active_response",
        message: `Conversation already has an active response in progress: ${this.active.id}. Wait until the response is finished before creating a new one.`,
        param: null,
        eventId,
      });
    }
    const resolved = resolveResponse(this.session, params);
    if (!resolved.ok) return this.refuse(resolved.error, eventId);
    const { config } = resolved;
    const { plan, withheld } = this.script.nextAgentPlan(config.tools);
    if (withheld) this.options.stats.toolCallsWithheld++;
    const streamer = new ResponseStreamer({
      plan,
      config,
      emit: (body) => this.emit(body),
      conversation: this.conversation,
      latencyMs: this.options.responseLatencyMs,
      firstAudioDelayMs: () => this.faults.firstAudioDelayMs ?? 0,
      pacing: this.options.pacing,
      clock: this.options.clock,
      prepareChunk: (chunk, seq) => {
        // Audio the peer can no longer receive (it closed the socket) is not counted as sent.
        if (this.socket.readyState === this.socket.OPEN) this.options.stats.deltasSent++;
        return this.options.stampAudio ? stampFrame(chunk, seq) : chunk;
      },
      usageInput: {
        instructionsChars: config.instructions.length,
        inputAudioMs: this.input.takeAudioSinceLastResponse(),
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
