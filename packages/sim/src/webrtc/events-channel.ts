import type { RealtimeServerEvent } from "openai/resources/realtime/realtime";
import type { RTCDataChannel } from "werift";
import { newId } from "../realtime/ids.ts";
import type { SessionSocket } from "../realtime/session-socket.ts";
import type { OpusPlayout } from "./opus-audio.ts";

type AudioBufferEvent = Extract<RealtimeServerEvent, { type: `output_audio_buffer.${string}` }>;

/**
 * A WebRTC call's `oai-events` data channel as the simulated session's socket. Over WebRTC the
 * API sends its audio on the media track, not as `response.output_audio.delta` events, and tells
 * the client when that audio starts, is cut off and has finished playing
 * (`output_audio_buffer.started|cleared|stopped`): this adapter does the same with the session's events.
 */
export class EventsChannel implements SessionSocket {
  readonly OPEN = 1;
  private playingResponseId: string | null = null;
  private readonly channel: RTCDataChannel;
  private readonly playout: OpusPlayout;
  private readonly hangUp: () => void;

  constructor(channel: RTCDataChannel, playout: OpusPlayout, hangUp: () => void) {
    this.channel = channel;
    this.playout = playout;
    this.hangUp = hangUp;
  }

  get readyState(): number {
    return this.channel.readyState === "open" ? this.OPEN : 3;
  }

  send(frame: string): void {
    const event: RealtimeServerEvent = JSON.parse(frame);
    if (event.type === "response.output_audio.delta") {
      if (this.playingResponseId === null) {
        this.playingResponseId = event.response_id;
        this.sendEvent({ type: "output_audio_buffer.started", response_id: event.response_id });
      }
      this.playout.push(Buffer.from(event.delta, "base64"));
      return;
    }
    this.channel.send(frame);
    if (event.type === "response.done" && event.response.id === this.playingResponseId) {
      const responseId = event.response.id;
      if (event.response.status === "completed") {
        void this.playout.drained().then(() => this.stopped(responseId, "output_audio_buffer.stopped"));
      } else {
        this.playout.clear();
        this.stopped(responseId, "output_audio_buffer.cleared");
      }
    }
  }

  terminate(): void {
    this.hangUp();
  }

  /** A data channel has no close code: the call hangs up. */
  close(): void {
    this.hangUp();
  }

  private stopped(responseId: string, type: AudioBufferEvent["type"]): void {
    if (this.playingResponseId !== responseId) return;
    this.playingResponseId = null;
    this.sendEvent({ type, response_id: responseId });
  }

  private sendEvent(event: Omit<AudioBufferEvent, "event_id">): void {
    if (this.readyState !== this.OPEN) return;
    this.channel.send(JSON.stringify({ event_id: newId("event"), ...event }));
  }
}
