import type { RealtimeSessionCreateRequest } from "openai/resources/realtime/realtime";
import { type RTCDataChannel, RTCPeerConnection, useOPUS } from "werift";
import { newId } from "../realtime/ids.ts";
import type { SessionSocket } from "../realtime/session-socket.ts";
import type { SimulatorSession } from "../realtime/simulator-session.ts";
import { EventsChannel } from "./events-channel.ts";
import { OpusListener, OpusPlayout } from "./opus-audio.ts";

export type WebRtcCallOptions = {
  /** The browser's SDP offer: an audio track and the `oai-events` data channel. */
  offer: string;
  /** The session config bound to the client secret the call was made with. */
  session: RealtimeSessionCreateRequest;
  /**
   * The only address the call offers and answers ICE on (tests keep to loopback); null: every
   * address of this machine, for a browser that does not use loopback (desktop Chrome).
   */
  host: string | null;
  /** A simulated session speaking over the given socket (not yet opened). */
  newSession(socket: SessionSocket): SimulatorSession;
  /** The call has ended: hung up by either side, or its connection failed. */
  onClosed(call: WebRtcCall): void;
};

/**
 * One simulated Realtime call over WebRTC: the session's events on the `oai-events` data channel,
 * its voice as Opus on the audio track, and the caller's Opus decoded into its VAD.
 */
export class WebRtcCall {
  readonly id = newId("rtc");
  /** The simulated session, once the events channel has opened. */
  session: SimulatorSession | null = null;
  private readonly pc: RTCPeerConnection;
  private readonly playout: OpusPlayout;
  private readonly listener: OpusListener;
  private readonly options: WebRtcCallOptions;
  private closed = false;

  private constructor(options: WebRtcCallOptions) {
    this.options = options;
    const { host } = options;
    this.pc = new RTCPeerConnection({
      codecs: { audio: [useOPUS()], video: [] },
      iceUseIpv6: false,
      iceAdditionalHostAddresses: [host ?? "127.0.0.1"],
      // Checks from any other address of this machine go unanswered, so media never leaves `host`.
      iceFilterStunResponse: host === null ? undefined : (_message, [address]) => address === host,
    });
    this.playout = new OpusPlayout(options.session.audio?.output?.format, (packet) => {
      const sender = this.pc.getTransceivers().find((t) => t.kind === "audio")?.sender;
      void sender?.sendRtp(packet);
    });
    this.listener = new OpusListener(options.session.audio?.input?.format);
    this.pc.onDataChannel.subscribe((channel) => this.onDataChannel(channel));
    this.pc.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe((rtp) => this.session?.hearAudio(this.listener.decode(rtp.payload)));
    });
    this.pc.connectionStateChange.subscribe((state) => {
      if (state === "closed" || state === "failed") this.close();
    });
  }

  /** Answers the offer; throws when it is not a usable SDP offer. */
  static async answer(options: WebRtcCallOptions): Promise<{ call: WebRtcCall; sdp: string }> {
    if (!/^m=audio /m.test(options.offer) || !/^m=application /m.test(options.offer)) {
      throw new Error("The SDP offer needs an audio track and a data channel (m=audio and m=application).");
    }
    const call = new WebRtcCall(options);
    try {
      await call.pc.setRemoteDescription({ type: "offer", sdp: options.offer });
      for (const transceiver of call.pc.getTransceivers()) transceiver.setDirection("sendrecv");
      await call.pc.setLocalDescription(await call.pc.createAnswer());
      const sdp = call.pc.localDescription?.sdp ?? "";
      return { call, sdp: options.host === null ? sdp : onlyCandidatesOn(sdp, options.host) };
    } catch (error) {
      call.close();
      throw error;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.session?.close();
    this.playout.close();
    this.listener.close();
    void this.pc.close();
    this.options.onClosed(this);
  }

  private onDataChannel(channel: RTCDataChannel): void {
    if (channel.label !== "oai-events") return;
    const open = () => {
      if (this.session || this.closed) return;
      const socket = new EventsChannel(channel, this.playout, () => this.close());
      const session = this.options.newSession(socket);
      this.session = session;
      channel.onMessage.subscribe((data) => session.receive(typeof data === "string" ? data : null));
      session.open();
    };
    if (channel.readyState === "open") open();
    else channel.stateChanged.subscribe((state) => state === "open" && open());
    channel.stateChanged.subscribe((state) => state === "closed" && this.close());
  }
}

/** The answer's candidate lines for `host` only (werift also gathers the machine's other addresses). */
function onlyCandidatesOn(sdp: string, host: string): string {
  return sdp
    .split("\r\n")
    .filter((line) => !line.startsWith("a=candidate:") || line.split(" ")[4] === host)
    .join("\r\n");
}
