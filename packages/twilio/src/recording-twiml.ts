import type VoiceResponse from "twilio/lib/twiml/VoiceResponse.js";

/**
 * Starts recording the whole call, both parties on their own channel, before anything else the
 * TwiML does (<Connect><Stream> or <Gather>); Twilio posts the finished recording to `statusCallback`.
 */
export function appendRecordingStart(response: VoiceResponse, statusCallback: string): VoiceResponse {
  response.start().recording({
    channels: "dual",
    track: "both",
    recordingStatusCallback: statusCallback,
    recordingStatusCallbackMethod: "POST",
    recordingStatusCallbackEvent: ["completed", "absent"],
  });
  return response;
}
