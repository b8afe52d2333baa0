import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { TWILIO_AUDIO, type twilioInboundMessageSchema, twilioOutboundMessageSchema } from "@koe/shared";
import twilio from "twilio";
import { WebSocket } from "ws";
import type { z } from "zod";
import { readStamp, stampClock, stampFrame } from "../audio/frame-stamp.ts";
import { speakingDurationMs, synthesizeSilence, synthesizeSpeech } from "../audio/synthetic-speech.ts";
import { type CallerTurn, type CallResult, emptyCallResult, type PlaceCallOptions } from "./call-result.ts";
import { gatherCall } from "./gather-call.ts";
import { followLiveCall } from "./live-call-channel.ts";
import { Playback } from "./playback.ts";
import { signedPost } from "./signed-post.ts";
import { everyTick } from "./tick-clock.ts";
import { parseTwiml } from "./twiml.ts";

/** Line noise for the caller's microphone between utterances, shared by every call. */
const LINE_NOISE = synthesizeSilence(1000, 7);

function sid(prefix: string): string {
  return `${prefix}${randomBytes(16).toString("hex")}`;
}

/**
 * Plays one phone call into a bridge exactly as Twilio does: the signed voice webhook, the TwiML
 * answer, the media-stream WebSocket (connected, start, paced 20 ms media, marks echoed after
 * playback, clear honoured, dtmf, stop) and the status callback. The caller speaks the scenario.
 * A legacy call answered with a speech <Gather> is played as Twilio plays one: each caller line is
 * posted as `SpeechResult` to the Gather's action, signed, for as long as the answers keep gathering.
 * With `twilioRestUrl` (the fake REST API), a REST update of the call ends its stream as Twilio
 * does (`stop`, then the WebSocket closed) and the new TwiML is what the caller gets next.
 */
export async function placeCall(options: PlaceCallOptions): Promise<CallResult> {
  const accountSid = options.accountSid ?? sid("AC");
  const callSid = options.callSid ?? sid("CA");
  const to = options.to ?? "+815012345678";
  const query = options.voiceQuery ? `?${new URLSearchParams(options.voiceQuery)}` : "";
  const params = {
    AccountSid: accountSid,
    ApiVersion: "2010-04-01",
    CallSid: callSid,
    CallStatus: "ringing",
    Called: to,
    Caller: options.scenario.from,
    Direction: "inbound",
    From: options.scenario.from,
    FromCountry: "JP",
    To: to,
    ToCountry: "JP",
  };
  const started = performance.now();
  const voiceUrl = new URL(`/api/twilio/voice${query}`, options.publicBaseUrl);
  const answer = await signedPost(options, voiceUrl, params);
  if (answer.status !== 200)
    throw new Error(`Voice webhook answered ${answer.status}: ${answer.body.slice(0, 300)}`);
  const twiml = parseTwiml(answer.body);
  const result = emptyCallResult(callSid, twiml);
  if (twiml.stream) {
    await options.beforeStream?.(twiml);
    await streamCall(options, { accountSid, callSid, stream: twiml.stream }, result);
  } else if (twiml.gatherAction) await gatherCall(options, { params, voiceUrl, started }, result);
  const endedMs = twiml.stream ? (result.heard.at(-1)?.endMs ?? 0) : performance.now() - started;
  await options.beforeStatusCallback?.(result);
  // A bridge that has since shut down cannot take the status callback; the call itself is over.
  const status = await signedPost(options, new URL("/api/twilio/status", options.publicBaseUrl), {
    ...params,
    CallStatus: "completed",
    CallDuration: String(Math.ceil(endedMs / 1000)),
  }).catch(() => null);
  result.statusCallback = status?.status ?? null;
  return result;
}

async function streamCall(
  options: PlaceCallOptions,
  call: { accountSid: string; callSid: string; stream: { url: string; parameters: Record<string, string> } },
  result: CallResult,
): Promise<void> {
  const pace = options.pace ?? 1;
  const publicUrl = new URL(call.stream.url);
  const target = new URL(publicUrl.pathname, options.bridgeUrl.replace(/^http/, "ws"));
  // Twilio ends the stream on a REST update of the call (new TwiML, or a hang-up): so does the caller.
  const updated = new AbortController();
  const live = options.twilioRestUrl
    ? await followLiveCall(options.twilioRestUrl, call.callSid, (update) => {
        result.update = update;
        if (update.kind === "redirect") result.twimls.push(update.twiml);
        updated.abort();
      })
    : null;
  const socket = new WebSocket(target, {
    headers: {
      "x-twilio-signature": twilio.getExpectedTwilioSignature(options.authToken, call.stream.url, {}),
    },
  });
  // `once` rejects on an `error` event (a refused upgrade): `open` below reports that one.
  const closed = once(socket, "close")
    .then(([code]) => {
      result.closeCode = Number(code);
    })
    .catch(() => undefined);
  await once(socket, "open");

  const streamSid = sid("MZ");
  result.streamSid = streamSid;
  let sequence = 0;
  // What Twilio writes: the schema's input, before its checks.
  const send = (message: z.input<typeof twilioInboundMessageSchema>) => {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  };
  const started = performance.now();
  const callMs = () => (performance.now() - started) * pace;
  const playback = new Playback((name) => {
    result.marksEchoed.push(name);
    send({ event: "mark", sequenceNumber: String(++sequence), streamSid, mark: { name } });
  });
  result.heard = playback.heard;
  let lastAgentAudioMs = -1;

  socket.on("message", (data) => {
    const parsed = twilioOutboundMessageSchema.safeParse(JSON.parse(data.toString()));
    if (!parsed.success) return; // Twilio ignores what it does not understand
    const message = parsed.data;
    result.received.push({ atMs: callMs(), event: message.event });
    if (message.event === "media") {
      const audio = Buffer.from(message.media.payload, "base64");
      if (options.stampFrames) {
        const stamp = readStamp(audio);
        if (stamp) result.outboundLatenciesMs.push(stampClock() - stamp.sentAt);
      }
      playback.enqueueAudio(audio);
      lastAgentAudioMs = callMs();
    } else if (message.event === "mark") {
      playback.enqueueMark(message.mark.name);
    } else {
      result.clears++;
      playback.clear();
    }
  });

  send({ event: "connected", protocol: "Call", version: "1.0.0" });
  send({
    event: "start",
    sequenceNumber: String(++sequence),
    streamSid,
    start: {
      streamSid,
      accountSid: call.accountSid,
      callSid: call.callSid,
      tracks: ["inbound"],
      customParameters: call.stream.parameters,
      mediaFormat: { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 },
    },
  });

  // The caller's microphone: speech queued by the script, line noise otherwise, one frame per 20 ms.
  let outgoing = Buffer.alloc(0);
  let chunk = 0;
  const noise = LINE_NOISE;
  const stopClock = everyTick(() => {
    const due = Math.floor(callMs() / TWILIO_AUDIO.frameMs);
    while (chunk < due && socket.readyState === WebSocket.OPEN) {
      const timestamp = chunk * TWILIO_AUDIO.frameMs;
      let frame: Buffer;
      if (outgoing.length > 0) {
        frame = outgoing.subarray(0, TWILIO_AUDIO.frameBytes);
        outgoing = outgoing.subarray(TWILIO_AUDIO.frameBytes);
      } else {
        const offset = (chunk * TWILIO_AUDIO.frameBytes) % noise.length;
        frame = noise.subarray(offset, offset + TWILIO_AUDIO.frameBytes);
      }
      chunk++;
      if (options.stampFrames) frame = stampFrame(frame, chunk);
      result.framesSent++;
      send({
        event: "media",
        sequenceNumber: String(++sequence),
        streamSid,
        media: {
          track: "inbound",
          chunk: String(chunk),
          timestamp: String(timestamp),
          payload: frame.toString("base64"),
        },
      });
      playback.advance(timestamp, TWILIO_AUDIO.frameMs);
    }
  });

  const silenceMs = options.agentTurnEndSilenceMs ?? 700;
  const timeoutMs = options.turnTimeoutMs ?? 20_000;
  const waitUntil = (condition: () => boolean, what: string) =>
    new Promise<void>((resolve, reject) => {
      const deadline = callMs() + timeoutMs;
      const check = () => {
        if (condition()) return done(resolve);
        if (updated.signal.aborted) return done(() => reject(updated.signal.reason));
        if (socket.readyState !== WebSocket.OPEN)
          return done(() => reject(new Error(`the bridge closed the stream while waiting for ${what}`)));
        if (callMs() > deadline) return done(() => reject(new Error(`timed out waiting for ${what}`)));
      };
      const stop = everyTick(check);
      const done = (settle: () => void) => {
        stop();
        settle();
      };
      check();
    });
  /** Agent audio has arrived after `since` (call time). */
  const agentSpokeSince = (since: number) => lastAgentAudioMs > since;
  /** The agent's audio has finished playing: nothing queued, nothing new for a while. */
  const agentDone = () => !playback.isPlaying && callMs() - lastAgentAudioMs > silenceMs;

  const speak = (text: string, turnIndex: number): CallerTurn => {
    // Whole 20 ms frames, as Twilio only ever sends those.
    const speech =
      options.callerAudio?.[turnIndex] ?? synthesizeSpeech(speakingDurationMs(text), turnIndex + 11);
    const pad =
      (TWILIO_AUDIO.frameBytes - (speech.length % TWILIO_AUDIO.frameBytes)) % TWILIO_AUDIO.frameBytes;
    const audio = Buffer.concat([speech, noise.subarray(0, pad)]);
    const startMs =
      Math.max(callMs(), chunk * TWILIO_AUDIO.frameMs) + outgoing.length / TWILIO_AUDIO.bytesPerMs;
    outgoing = Buffer.concat([outgoing, audio]);
    const turn = {
      say: text,
      startMs,
      endMs: startMs + audio.length / TWILIO_AUDIO.bytesPerMs,
      firstAgentAudioMs: null,
    };
    result.turns.push(turn);
    return turn;
  };

  try {
    let agentTurnSince = -1;
    const steps = options.scenario.steps;
    for (const [index, step] of steps.entries()) {
      if (step.speaker === "agent") {
        await waitUntil(() => agentSpokeSince(agentTurnSince), `the agent to say 「${step.say}」`);
        const previous = result.turns.at(-1);
        if (previous && previous.firstAgentAudioMs === null)
          previous.firstAgentAudioMs = firstAudioAfter(result, previous.endMs);
        // A caller who barges in does not wait for the agent to finish.
        const next = steps[index + 1];
        if (next?.speaker === "caller" && next.interruptAfterMs !== undefined) continue;
        await waitUntil(agentDone, "the agent to finish speaking");
        agentTurnSince = callMs();
      } else if (step.speaker === "caller") {
        if (step.interruptAfterMs !== undefined) {
          // Under heavy load the agent may have finished already: then the caller just talks.
          await waitUntil(() => playback.isPlaying || agentDone(), "agent audio to interrupt");
          await sleep(step.interruptAfterMs / pace, undefined, { signal: updated.signal });
        } else {
          await sleep(step.pauseMs / pace, undefined, { signal: updated.signal });
        }
        const turn = speak(step.say, result.turns.length);
        await waitUntil(() => callMs() >= turn.endMs, "the caller to finish speaking");
        agentTurnSince = turn.endMs;
      } else if (step.speaker === "dtmf") {
        for (const digit of step.digits) {
          send({
            event: "dtmf",
            sequenceNumber: String(++sequence),
            streamSid,
            dtmf: { track: "inbound_track", digit },
          });
        }
      }
    }
  } catch (error) {
    // A call Twilio moved elsewhere (or hung up) was not cut short by the bridge.
    if (!updated.signal.aborted) result.error = error instanceof Error ? error.message : String(error);
  } finally {
    stopClock();
    send({
      event: "stop",
      sequenceNumber: String(++sequence),
      streamSid,
      stop: { accountSid: call.accountSid, callSid: call.callSid },
    });
    // After the stop: the fake REST API may be holding its answer until the call stopped.
    live?.close();
    if (socket.readyState === WebSocket.OPEN) socket.close(1000, "caller hung up");
    await closed;
  }
}

function firstAudioAfter(result: CallResult, ms: number): number | null {
  return result.received.find((r) => r.event === "media" && r.atMs >= ms)?.atMs ?? null;
}
