import type { Duplex } from "node:stream";
import { type TwilioInboundMessage, type TwilioStartMessage, twilioInboundMessageSchema } from "@koe/shared";
import type { WebSocket } from "ws";
import type { RealtimeCall } from "../calls/realtime-call.ts";
import type { BridgeContext } from "../context.ts";
import { READ_WRITES } from "../net/ascii-frames.ts";
import { readTextFrames } from "../net/text-frame-reader.ts";
import { adoptCall } from "./adopt-call.ts";
import { forwardCallerAudio, readMarkText, readMediaFrame, readMediaText } from "./fast-frames.ts";
import { RejectedFrames, type RejectionReason } from "./rejected-frames.ts";
import { claimStream } from "./stream-claim.ts";
import { TwilioStream } from "./twilio-stream.ts";

/** Largest frame taken from Twilio: its messages are a few hundred bytes. */
export const MEDIA_STREAM_MAX_PAYLOAD = 64 * 1024;

/** Close code for a stream we refuse (bad, missing or reused token; broken protocol): nothing reaches OpenAI. */
export const POLICY_VIOLATION = 1008;
/** Close code for a stream refused because too many others still wait for their `start`. */
const TRY_AGAIN_LATER = 1013;

type Frame =
  | { ok: true; message: TwilioInboundMessage }
  | { ok: false; reason: RejectionReason; isStart: boolean; issue?: string };

function dispatch(
  call: RealtimeCall,
  message: Exclude<TwilioInboundMessage, { event: "start" | "connected" }>,
) {
  switch (message.event) {
    case "media":
      if (message.media.track === "inbound")
        call.callerAudio(message.media.payload, Number(message.media.timestamp));
      return;
    case "mark":
      return call.markPlayed(message.mark.name);
    case "dtmf":
      return call.dtmf(message.dtmf.digit);
    case "stop":
      return call.end("caller_hung_up");
  }
}

/** One message from Twilio: its text, or null for a binary message. */
function readFrame(text: string | null): Frame {
  if (text === null) return { ok: false, reason: "binary", isStart: false };
  const fast = readMediaText(text) ?? readMarkText(text);
  if (fast) return { ok: true, message: fast };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: "not_json", isStart: false };
  }
  const media = readMediaFrame(json);
  if (media) return { ok: true, message: media };
  const parsed = twilioInboundMessageSchema.safeParse(json);
  if (parsed.success) return { ok: true, message: parsed.data };
  const isStart = typeof json === "object" && json !== null && "event" in json && json.event === "start";
  return { ok: false, reason: "malformed", isStart, issue: parsed.error.issues[0]?.message };
}

/**
 * Accepts Twilio media streams for one server. A stream carries nothing until a `start` with a valid,
 * unused token binds it to its call (the one this process pre-warmed, or a fresh one when the stream
 * reached another process); one without such a `start` in time is closed, and only so many may wait
 * at once. Once live, a broken protocol (a second `start`, a frame that is not JSON) ends the call;
 * frames that merely fail their schema are counted and skipped. Frames are handled strictly in
 * order, also while the call is being looked up.
 */
export function createMediaStreamAcceptor(ctx: BridgeContext): (socket: WebSocket, tcp: Duplex) => void {
  const rejected = new RejectedFrames(ctx.logger.child({ module: "media-stream" }), ctx.metrics);
  const bound = new Set<string>();
  let waiting = 0;

  return (socket, tcp) => {
    const refuse = (reason: string, code = POLICY_VIOLATION) => {
      ctx.metrics.mediaStreamsRefused.inc({ reason });
      socket.close(code, reason.replaceAll("_", " "));
    };
    if (waiting >= ctx.env.MEDIA_STREAM_MAX_PENDING) return refuse("too_many_waiting", TRY_AGAIN_LATER);
    waiting++;
    let phase: "waiting" | "starting" | "live" = "waiting";
    let isWaiting = true;
    let call: RealtimeCall | null = null;
    let boundSid: string | null = null;
    let ready: Promise<void> = Promise.resolve();
    const reject = rejected.forConnection();
    const startTimer = setTimeout(() => refuse("no_start_in_time"), ctx.env.MEDIA_STREAM_START_TIMEOUT_MS);
    const stopWaiting = () => {
      if (!isWaiting) return;
      isWaiting = false;
      clearTimeout(startTimer);
      waiting--;
    };

    const violation = (reason: RejectionReason) => {
      reject(reason, { callSid: call?.callSid });
      refuse(reason);
      call?.end("protocol_violation");
    };

    const start = async (message: TwilioStartMessage): Promise<void> => {
      const { callSid, customParameters } = message.start;
      if (!ctx.tokens.verify(customParameters.token, callSid)) {
        ctx.logger.warn({ callSid }, "refused a media stream without a valid token");
        return refuse("invalid_token");
      }
      if (!(await claimStream(ctx, bound, callSid, message.streamSid))) {
        ctx.logger.warn({ callSid }, "refused a media stream for a call that already streams or has ended");
        return refuse("token_used");
      }
      boundSid = callSid;
      const found = ctx.calls.get(callSid) ?? (await adoptCall(ctx, callSid).catch(() => null));
      if (!found) return refuse("unknown_call");
      if (socket.readyState !== socket.OPEN) return found.end("caller_hung_up");
      found.attach(new TwilioStream(socket, tcp, message.streamSid), message.streamSid);
      call = found;
      phase = "live";
      stopWaiting();
    };

    // Returns a promise only for `start`, so that the frames behind it wait for the call.
    const handle = (frame: Frame): Promise<void> | undefined => {
      // Frames queued behind a refused start, or behind the end of the call, have nobody to go to.
      if (socket.readyState !== socket.OPEN) return;
      if (!frame.ok) {
        if (phase !== "waiting" && frame.isStart) violation("second_start");
        else if (phase === "live" && frame.reason !== "malformed") violation(frame.reason);
        else reject(frame.reason, { issue: frame.issue });
        return;
      }
      const { message } = frame;
      if (message.event === "start") {
        if (phase === "waiting") {
          phase = "starting";
          return start(message);
        }
        violation("second_start");
      } else if (message.event !== "connected") {
        if (call) dispatch(call, message);
        else violation("before_start");
      }
    };

    const onMessage = (text: string | null) => {
      // A live stream's caller audio, nearly all of its frames, goes straight to the call.
      if (call && text !== null && socket.readyState === socket.OPEN && forwardCallerAudio(text, call))
        return;
      const frame = readFrame(text);
      if (call) return void handle(frame);
      ready = ready
        .then(() => handle(frame))
        .catch((error: unknown) => {
          ctx.logger.error({ err: error }, "media stream start failed");
          refuse("start_failed", 1011);
        });
    };
    readTextFrames(socket, tcp, {
      masked: true,
      maxPayload: MEDIA_STREAM_MAX_PAYLOAD,
      onText: onMessage,
      writes: READ_WRITES,
    });
    // What the reader leaves to ws: a binary or fragmented message (and then everything after it).
    socket.on("message", (data, isBinary) => onMessage(isBinary ? null : data.toString()));
    socket.on("close", () => {
      stopWaiting();
      void ready.then(() => {
        call?.end("caller_hung_up");
        if (boundSid) bound.delete(boundSid);
      });
    });
    socket.on("error", (error) => ctx.logger.warn({ err: error }, "media stream socket error"));
  };
}
