import type { Duplex } from "node:stream";
import {
  isRealtimeModel,
  type TwilioInboundMessage,
  type TwilioOutboundMessage,
  type TwilioStartMessage,
  twilioInboundMessageSchema,
} from "@koe/shared";
import type { WebSocket } from "ws";
import type { RealtimeCall } from "../calls/realtime-call.ts";
import { startRealtimeCall } from "../calls/start-realtime-call.ts";
import type { TelephonyStream } from "../calls/telephony-stream.ts";
import type { BridgeContext } from "../context.ts";
import { coalesceWrites } from "../net/write-coalescing.ts";

/** Close code for a stream we refuse (bad or missing token), as DESIGN.md requires. */
export const POLICY_VIOLATION = 1008;

/** Twilio's side of a bidirectional media stream. */
class TwilioStream implements TelephonyStream {
  private readonly socket: WebSocket;
  private readonly tcp: Duplex;
  private readonly streamSid: string;

  constructor(socket: WebSocket, tcp: Duplex, streamSid: string) {
    this.socket = socket;
    this.tcp = tcp;
    this.streamSid = streamSid;
  }

  sendMedia(payload: string): void {
    this.send({ event: "media", streamSid: this.streamSid, media: { payload } });
  }

  sendMark(name: string): void {
    this.send({ event: "mark", streamSid: this.streamSid, mark: { name } });
  }

  clear(): void {
    this.send({ event: "clear", streamSid: this.streamSid });
  }

  close(): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.close(1000, "call ended");
  }

  get bufferedBytes(): number {
    return this.socket.bufferedAmount;
  }

  private send(message: TwilioOutboundMessage): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    const data = JSON.stringify(message);
    coalesceWrites(this.tcp, () => this.socket.send(data));
  }
}

/**
 * One Twilio media stream: nothing happens until a `start` with a valid token; then the call this
 * process pre-warmed is attached (or, when the stream reached another process, a fresh one opened).
 * Messages are handled strictly in order, also while a call is being looked up.
 */
export function acceptMediaStream(ctx: BridgeContext, socket: WebSocket, tcp: Duplex): void {
  let call: RealtimeCall | null = null;
  let ready: Promise<void> = Promise.resolve();
  const log = ctx.logger.child({ module: "media-stream" });

  // Returns a promise only for `start`, so that the messages behind it wait for the call.
  const handle = (message: TwilioInboundMessage): Promise<void> | undefined => {
    switch (message.event) {
      case "start":
        return start(ctx, socket, tcp, message).then((attached) => {
          call = attached;
        });
      case "media":
        if (message.media.track === "inbound") call?.callerAudio(message.media.payload);
        return;
      case "mark":
        call?.markPlayed(message.mark.name);
        return;
      case "dtmf":
        call?.dtmf(message.dtmf.digit);
        return;
      case "stop":
        call?.end("caller_hung_up");
        return;
      default:
        return;
    }
  };

  socket.on("message", (data, isBinary) => {
    if (isBinary) return log.warn("ignored a binary frame from Twilio");
    let json: unknown;
    try {
      json = JSON.parse(data.toString());
    } catch {
      return log.warn("ignored a frame from Twilio that is not JSON");
    }
    const parsed = twilioInboundMessageSchema.safeParse(json);
    if (!parsed.success)
      return log.warn({ issue: parsed.error.issues[0]?.message }, "ignored a malformed Twilio message");
    if (call) void handle(parsed.data);
    else
      ready = ready
        .then(() => handle(parsed.data))
        .catch((error: unknown) => log.error({ err: error }, "media stream message failed"));
  });
  socket.on("close", () => void ready.then(() => call?.end("caller_hung_up")));
  socket.on("error", (error) => log.warn({ err: error }, "media stream socket error"));
}

async function start(
  ctx: BridgeContext,
  socket: WebSocket,
  tcp: Duplex,
  message: TwilioStartMessage,
): Promise<RealtimeCall | null> {
  const { callSid, customParameters } = message.start;
  const claims = ctx.tokens.verify(customParameters.token, callSid);
  if (!claims) {
    ctx.logger.warn({ callSid }, "refused a media stream without a valid token");
    socket.close(POLICY_VIOLATION, "invalid stream token");
    return null;
  }
  const call = ctx.calls.get(callSid) ?? (await adopt(ctx, callSid).catch(() => null));
  if (!call) {
    socket.close(POLICY_VIOLATION, "unknown call");
    return null;
  }
  call.attach(new TwilioStream(socket, tcp, message.streamSid), message.streamSid);
  return call;
}

/** The stream reached a process that did not pre-warm the call (that one is gone): open a fresh session here. */
async function adopt(ctx: BridgeContext, callSid: string): Promise<RealtimeCall | null> {
  const row = await ctx.prisma.callSession.findUnique({
    where: { callSid },
    select: {
      id: true,
      companyId: true,
      engine: true,
      model: true,
      endedAt: true,
      direction: true,
      fromNumber: true,
      toNumber: true,
      company: { select: { name: true, operatorPhoneNumber: true, operatorConferenceName: true } },
      customer: { select: { name: true } },
      agent: { select: { id: true, name: true, realtimeSettings: true } },
    },
  });
  if (!row?.agent || row.engine !== "realtime" || row.endedAt) return null;
  ctx.logger.info({ callSid }, "no pre-warmed session in this process; opening a fresh one");
  ctx.journal.updateCall(row.id, { bridgeInstance: ctx.env.BRIDGE_INSTANCE });
  return startRealtimeCall(ctx, {
    call: {
      id: row.id,
      callSid,
      companyId: row.companyId,
      agentId: row.agent.id,
      customerNumber: row.direction === "outbound" ? row.toNumber : row.fromNumber,
    },
    agent: row.agent,
    ...(isRealtimeModel(row.model) ? { model: row.model } : {}),
    companyName: row.company.name,
    customerName: row.customer?.name ?? null,
    operator: {
      phoneNumber: row.company.operatorPhoneNumber,
      conferenceName: row.company.operatorConferenceName,
    },
  });
}
