/** OpenAI's GA WebRTC endpoint: the browser posts its SDP offer with the ephemeral client secret. */
const REALTIME_CALLS_URL = "https://api.openai.com/v1/realtime/calls";

export type TestCall = { hangUp(): void };

/**
 * Opens a WebRTC session with the Realtime API from this browser: the microphone goes up, the
 * agent's voice comes back into an audio element. The session's settings are already bound to
 * the client secret by the api, so the browser sends nothing but audio.
 */
export async function startTestCall(clientSecret: string, onEnded: () => void): Promise<TestCall> {
  const microphone = await navigator.mediaDevices.getUserMedia({ audio: true });
  const connection = new RTCPeerConnection();
  const speaker = new Audio();
  speaker.autoplay = true;
  connection.ontrack = (event) => {
    speaker.srcObject = event.streams[0] ?? null;
  };
  connection.onconnectionstatechange = () => {
    if (connection.connectionState === "failed" || connection.connectionState === "closed") onEnded();
  };
  for (const track of microphone.getAudioTracks()) connection.addTrack(track, microphone);
  // The events channel must exist before the offer, or the session has no control channel.
  connection.createDataChannel("oai-events");
  const hangUp = () => {
    connection.close();
    for (const track of microphone.getTracks()) track.stop();
    speaker.srcObject = null;
  };
  try {
    const offer = await connection.createOffer();
    await connection.setLocalDescription(offer);
    const answer = await fetch(REALTIME_CALLS_URL, {
      method: "POST",
      body: offer.sdp,
      headers: { authorization: `Bearer ${clientSecret}`, "content-type": "application/sdp" },
    });
    if (!answer.ok) throw new Error(`OpenAI が接続を拒否しました(HTTP ${answer.status})`);
    await connection.setRemoteDescription({ type: "answer", sdp: await answer.text() });
  } catch (error) {
    hangUp();
    throw error;
  }
  return { hangUp };
}
