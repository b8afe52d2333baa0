import type { CallerTurn, CallResult, PlaceCallOptions } from "./call-result.ts";
import { signedPost } from "./signed-post.ts";
import { parseTwiml } from "./twiml.ts";

/**
 * A <Gather input="speech"> conversation: each caller step of the script becomes the speech
 * result of the pending Gather, posted (with Twilio's parameters) to its action URL, resolved
 * against the URL of the TwiML that holds it. The agent's lines come from the answers' <Say>s.
 */
export async function gatherCall(
  options: PlaceCallOptions,
  call: { params: Record<string, string>; voiceUrl: URL; started: number },
  result: CallResult,
): Promise<void> {
  const callMs = () => (performance.now() - call.started) * (options.pace ?? 1);
  let twiml = result.twiml;
  let twimlUrl = call.voiceUrl;
  for (const step of options.scenario.steps) {
    // Tool and DTMF steps have no place in a speech Gather; agent lines are what the TwiML says.
    if (step.speaker !== "caller" || !twiml.gatherAction) continue;
    const action = new URL(twiml.gatherAction, twimlUrl);
    const turn: CallerTurn = { say: step.say, startMs: callMs(), endMs: callMs(), firstAgentAudioMs: null };
    result.turns.push(turn);
    const answer = await signedPost(options, action, {
      ...call.params,
      CallStatus: "in-progress",
      Language: "ja-JP",
      SpeechResult: step.say,
      Confidence: "0.9",
    });
    if (answer.status !== 200) {
      result.error = `Gather action answered ${answer.status}: ${answer.body.slice(0, 300)}`;
      return;
    }
    turn.firstAgentAudioMs = callMs();
    twiml = parseTwiml(answer.body);
    twimlUrl = action;
    result.twimls.push(twiml);
  }
}
