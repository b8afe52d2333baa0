import type { TestCallSecret } from "@koe/shared";
import type { RealtimeClientEvent, RealtimeServerEvent } from "openai/resources/realtime/realtime";

export type TestCall = { hangUp(): void };

/** OpenAI answered the browser's offer with an error; `detail` is its HTTP status and message. */
export class CallRefusedError extends Error {
  readonly detail: string;
  constructor(detail: string) {
    super(`OpenAI refused the connection (${detail})`);
    this.detail = detail;
  }
}

export type TestCallListener = {
  /** The `oai-events` channel is open: the session is live and the agent starts to speak. */
  onOpen(): void;
  onEvent(event: RealtimeServerEvent): void;
  /** The channel itself failed (not an `error` event from the API): no more events will arrive. */
  onChannelError(): void;
  /** The connection is gone from the far side: `failed` when it could not be kept up. */
  onEnded(how: "failed" | "closed"): void;
};

/**
 * Opens a WebRTC session with the Realtime API from this browser: the microphone goes up, the
 * agent's voice comes back into an audio element, and the session's events arrive on the
 * `oai-events` data channel. The agent's settings are already bound to the client secret by the
 * api; the browser only asks for the first response, so the agent greets as on a phone call.
 */
export async function startTestCall(
  secret: Pick<TestCallSecret, "value" | "callsUrl">,
  listener: TestCallListener,
): Promise<TestCall> {
  const microphone = await navigator.mediaDevices.getUserMedia({ audio: true });
  const connection = new RTCPeerConnection();
  const speaker = new Audio();
  speaker.autoplay = true;
  connection.ontrack = (event) => {
    speaker.srcObject = event.streams[0] ?? new MediaStream([event.track]);
  };
  let hungUp = false;
  connection.onconnectionstatechange = () => {
    if (hungUp) return;
    if (connection.connectionState === "failed") listener.onEnded("failed");
    if (connection.connectionState === "closed") listener.onEnded("closed");
  };
  for (const track of microphone.getAudioTracks()) connection.addTrack(track, microphone);
  // The events channel must exist before the offer, or the session has no control channel.
  const events = connection.createDataChannel("oai-events");
  events.onopen = () => {
    listener.onOpen();
    send(events, { type: "response.create" });
  };
  events.onmessage = (message) => {
    const event = parseServerEvent(message.data);
    if (event) listener.onEvent(event);
  };
  events.onerror = () => {
    if (!hungUp) listener.onChannelError();
  };
  events.onclose = () => {
    if (!hungUp) listener.onEnded("closed");
  };
  const hangUp = () => {
    hungUp = true;
    connection.close();
    for (const track of microphone.getTracks()) track.stop();
    speaker.srcObject = null;
  };
  try {
    const offer = await connection.createOffer();
    await connection.setLocalDescription(offer);
    const answer = await fetch(secret.callsUrl, {
      method: "POST",
      body: offer.sdp,
      headers: { authorization: `Bearer ${secret.value}`, "content-type": "application/sdp" },
    });
    if (!answer.ok) throw new CallRefusedError(await refusal(answer));
    await connection.setRemoteDescription({ type: "answer", sdp: await answer.text() });
  } catch (error) {
    hangUp();
    throw error;
  }
  return { hangUp };
}

function send(channel: RTCDataChannel, event: RealtimeClientEvent): void {
  channel.send(JSON.stringify(event));
}

/** A server event from a channel message; anything that is not a JSON event is dropped. */
function parseServerEvent(data: unknown): RealtimeServerEvent | null {
  if (typeof data !== "string") return null;
  try {
    const value: unknown = JSON.parse(data);
    const isEvent =
      typeof value === "object" && value !== null && "type" in value && typeof value.type === "string";
    // The API is the authority on its events' shapes (the SDK's types say what they are).
    return isEvent ? (value as RealtimeServerEvent) : null;
  } catch {
    return null;
  }
}

/** The HTTP status and OpenAI's error message, when its error JSON came back. */
async function refusal(response: Response): Promise<string> {
  const body: unknown = await response.json().catch(() => null);
  const message =
    typeof body === "object" &&
    body !== null &&
    "error" in body &&
    typeof body.error === "object" &&
    body.error
      ? (body.error as { message?: unknown }).message
      : undefined;
  return typeof message === "string" ? `HTTP ${response.status}: ${message}` : `HTTP ${response.status}`;
}
