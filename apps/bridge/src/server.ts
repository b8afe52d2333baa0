import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { pingDatabase } from "@koe/db";
import {
  twilioGatherParamsSchema,
  twilioRecordingStatusParamsSchema,
  twilioStatusParamsSchema,
  twilioVoiceParamsSchema,
} from "@koe/shared";
import { RejectedRequest, sendRejection } from "@koe/shared/request-body";
import { type WebSocket, WebSocketServer } from "ws";
import { z } from "zod";
import type { BridgeContext } from "./context.ts";
import { CallbackBacklog } from "./fallback/callback-backlog.ts";
import { answerLegacyTurnOrFallBack } from "./fallback/legacy-turn-fallback.ts";
import { answerVoiceWebhookOrFallBack } from "./fallback/voice-fallback.ts";
import { publicBase } from "./http/public-base.ts";
import { hasValidTwilioSignature, readFormBody } from "./http/twilio-signature.ts";
import { LEGACY_GATHER_PATH } from "./legacy/legacy-call.ts";
import { createMediaStreamAcceptor, MEDIA_STREAM_MAX_PAYLOAD } from "./twilio/media-stream.ts";
import { handleRecordingStatus, RECORDING_STATUS_PATH } from "./twilio/recording-webhook.ts";
import { handleStatusCallback } from "./twilio/status-webhook.ts";

const MEDIA_STREAM_PATH = /^\/api\/twilio\/media-stream(\/[a-zA-Z0-9_-]+)?$/;
const SIGNED_WEBHOOKS = new Set([
  "/api/twilio/voice",
  "/api/twilio/status",
  LEGACY_GATHER_PATH,
  RECORDING_STATUS_PATH,
]);

/**
 * The bridge's HTTP server: Twilio webhooks, the media-stream WebSocket and health. Metrics are
 * served on their own internal port (metrics-server.ts).
 */
export function createBridgeServer(ctx: BridgeContext): Server {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MEDIA_STREAM_MAX_PAYLOAD });
  const callbacks = new CallbackBacklog(ctx);
  const server = createServer((req, res) => {
    route(ctx, callbacks, req, res).catch((error: unknown) => {
      if (error instanceof RejectedRequest) {
        ctx.logger.warn(
          { path: req.url, status: error.status, reason: error.message },
          "refused a request body",
        );
        return sendRejection(res, error);
      }
      ctx.logger.error({ err: error, url: req.url }, "request failed");
      ctx.metrics.errors.inc({ source: "bridge" });
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "internal error" }));
    });
  });
  server.on("close", () => callbacks.close());
  const acceptMediaStream = createMediaStreamAcceptor(ctx);
  server.on("upgrade", (req, socket, head) =>
    upgrade(ctx, wss, req, socket, head, (ws) => acceptMediaStream(ws, socket)),
  );
  return server;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** A status or recording callback: taken (written, or kept until the database is back), or refused. */
function callbackTaken(res: ServerResponse, taken: boolean): void {
  if (taken) res.writeHead(204).end();
  else json(res, 503, { error: "the database is unreachable and the callback backlog is full" });
}

function twiml(res: ServerResponse, body: string): void {
  res.writeHead(200, { "content-type": "text/xml" });
  res.end(body);
}

async function route(
  ctx: BridgeContext,
  callbacks: CallbackBacklog,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://bridge");
  const path = url.pathname;
  if (req.method === "GET" && path === "/healthz") {
    const database = await pingDatabase(ctx.prisma, {
      timeoutMs: ctx.env.HEALTH_CHECK_TIMEOUT_MS,
      onFailure: (error) => ctx.logger.warn({ err: error }, "health check: the database is unreachable"),
    });
    const draining = !ctx.calls.isAccepting;
    return json(res, database.ok && !draining ? 200 : 503, {
      status: draining ? "draining" : database.ok ? "ok" : "degraded",
      database,
      activeCalls: ctx.calls.size,
    });
  }
  if (req.method === "POST" && SIGNED_WEBHOOKS.has(path)) {
    const params = await readFormBody(req);
    const authToken = ctx.env.TWILIO_AUTH_TOKEN;
    if (!authToken || !hasValidTwilioSignature(req, authToken, `${publicBase(ctx)}${req.url}`, params)) {
      ctx.logger.warn({ path }, "refused a webhook with a missing or wrong X-Twilio-Signature");
      return json(res, 403, { error: "invalid Twilio signature" });
    }
    if (path === "/api/twilio/voice") {
      // Draining: Twilio tries the number's fallback URL, which reaches another process.
      if (!ctx.calls.isAccepting) return json(res, 503, { error: "this bridge process is shutting down" });
      const voice = twilioVoiceParamsSchema.safeParse(params);
      if (!voice.success) return json(res, 400, { error: z.prettifyError(voice.error) });
      return twiml(res, await answerVoiceWebhookOrFallBack(ctx, voice.data, url.searchParams));
    }
    if (path === LEGACY_GATHER_PATH) {
      const gather = twilioGatherParamsSchema.safeParse(params);
      if (!gather.success) return json(res, 400, { error: z.prettifyError(gather.error) });
      const answer = await answerLegacyTurnOrFallBack(ctx, gather.data, url.searchParams);
      if (answer.status !== 200) {
        ctx.logger.warn({ callSid: gather.data.CallSid, error: answer.error }, "refused a legacy turn");
        return json(res, answer.status, { error: answer.error });
      }
      return twiml(res, answer.twiml);
    }
    if (path === RECORDING_STATUS_PATH) {
      const recording = twilioRecordingStatusParamsSchema.safeParse(params);
      if (!recording.success) return json(res, 400, { error: z.prettifyError(recording.error) });
      const { data } = recording;
      return callbackTaken(
        res,
        await callbacks.accept("recording", data.CallSid, () => handleRecordingStatus(ctx, data)),
      );
    }
    const status = twilioStatusParamsSchema.safeParse(params);
    if (!status.success) return json(res, 400, { error: z.prettifyError(status.error) });
    const { data } = status;
    return callbackTaken(
      res,
      await callbacks.accept("status", data.CallSid, () => handleStatusCallback(ctx, data)),
    );
  }
  json(res, 404, { error: `no route for ${req.method} ${path}` });
}

function upgrade(
  ctx: BridgeContext,
  wss: WebSocketServer,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  accept: (ws: WebSocket) => void,
): void {
  const refuse = (status: number, text: string) => {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  };
  // Nothing a client sends may throw out of this handler: an exception here would end every call.
  let path: string;
  let publicUrl: URL;
  try {
    path = new URL(req.url ?? "/", "http://bridge").pathname;
    publicUrl = new URL(req.url ?? "/", publicBase(ctx));
  } catch {
    return refuse(400, "Bad Request");
  }
  if (!MEDIA_STREAM_PATH.test(path)) return refuse(404, "Not Found");
  publicUrl.protocol = publicUrl.protocol === "https:" ? "wss:" : "ws:";
  const authToken = ctx.env.TWILIO_AUTH_TOKEN;
  if (!authToken || !hasValidTwilioSignature(req, authToken, publicUrl.toString())) {
    ctx.logger.warn({ path }, "refused a media stream with a missing or wrong X-Twilio-Signature");
    return refuse(403, "Forbidden");
  }
  wss.handleUpgrade(req, socket, head, accept);
}
