import type { RealtimeServerEvent } from "openai/resources/realtime/realtime";
import OpusScript from "opusscript";
import { RTCPeerConnection, RtpHeader, RtpPacket, useOPUS } from "werift";
import { decode as decodeMulaw } from "../audio/mulaw.ts";

/**
 * A browser's side of a Realtime WebRTC call, in Node (werift): an audio track it can speak μ-law
 * into (sent as Opus, 20 ms a packet), the `oai-events` data channel, and what came back.
 */
export class WebRtcTestClient {
  readonly events: RealtimeServerEvent[] = [];
  /** Opus packets received on the audio track. */
  readonly audioPackets: Buffer[] = [];
  private readonly pc = new RTCPeerConnection({
    codecs: { audio: [useOPUS()], video: [] },
    iceUseIpv6: false,
    iceAdditionalHostAddresses: ["127.0.0.1"],
  });
  private readonly channel = this.pc.createDataChannel("oai-events");
  private readonly encoder = new OpusScript(8000, 1, OpusScript.Application.VOIP);
  private readonly waiters: Array<() => void> = [];
  private sequenceNumber = 0;

  constructor() {
    this.pc.addTransceiver("audio", { direction: "sendrecv" });
    this.pc.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe((rtp) => {
        this.audioPackets.push(rtp.payload);
        this.wake();
      });
    });
    this.channel.onMessage.subscribe((data) => {
      this.events.push(JSON.parse(String(data)));
      this.wake();
    });
  }

  /** Posts the offer to `callsUrl` with the secret; answers with the response, applying a 201's SDP. */
  async connect(callsUrl: string, secret: string): Promise<Response> {
    await this.pc.setLocalDescription(await this.pc.createOffer());
    const response = await fetch(callsUrl, {
      method: "POST",
      body: this.pc.localDescription?.sdp,
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/sdp" },
    });
    if (response.status === 201) {
      await this.pc.setRemoteDescription({ type: "answer", sdp: await response.clone().text() });
    }
    return response;
  }

  send(event: object): void {
    this.channel.send(JSON.stringify(event));
  }

  /** Speaks μ-law 8 kHz audio as Opus packets, paced in real time. */
  async speak(mulaw: Buffer): Promise<void> {
    const sender = this.pc.getTransceivers()[0]?.sender;
    for (let at = 0; at + 160 <= mulaw.length; at += 160) {
      const pcm = Buffer.from(decodeMulaw(mulaw.subarray(at, at + 160)).buffer);
      const header = new RtpHeader({
        sequenceNumber: this.sequenceNumber,
        timestamp: this.sequenceNumber * 960,
      });
      this.sequenceNumber++;
      await sender?.sendRtp(new RtpPacket(header, this.encoder.encode(pcm, 160)));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Resolves once `done` holds, re-checked on every event or packet that arrives. */
  async until(done: () => boolean): Promise<void> {
    while (!done()) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** The first event of a type, once it has arrived. */
  async next<T extends RealtimeServerEvent["type"]>(type: T, after = 0) {
    let found: Extract<RealtimeServerEvent, { type: T }> | undefined;
    await this.until(() => {
      found = this.events
        .slice(after)
        .find((e): e is Extract<RealtimeServerEvent, { type: T }> => e.type === type);
      return found !== undefined;
    });
    return found as Extract<RealtimeServerEvent, { type: T }>;
  }

  async close(): Promise<void> {
    this.encoder.delete();
    await this.pc.close();
  }

  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }
}
