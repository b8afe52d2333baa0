import type { ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { SessionUser } from "../auth/session-user.ts";
import type { ApiServices } from "../trpc.ts";

/** `GET /api/calls/<callId>/recording`: a call's recording, for the signed-in users of its company. */
export const CALL_RECORDING_PATH = /^\/api\/calls\/([0-9a-f-]{36})\/recording$/;

/**
 * Streams a call's recording from Twilio with the account's credentials, so browsers never see
 * Twilio's URL or need its credentials. Another company's call is a plain 404, like a missing one.
 */
export async function serveCallRecording(
  services: Pick<ApiServices, "prisma" | "twilioRest" | "logger">,
  user: SessionUser | null,
  callId: string,
  res: ServerResponse,
): Promise<void> {
  const reply = (status: number, error: string) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify({ error }));
  };
  if (!user) return reply(401, "Sign in first.");
  const call = await services.prisma.callSession.findFirst({
    where: { id: callId, companyId: user.companyId },
    select: { recordingSid: true },
  });
  if (!call?.recordingSid) return reply(404, "No recording for this call.");
  if (!services.twilioRest) return reply(503, "Twilio is not configured.");
  const audio = await services.twilioRest.recordingAudio(call.recordingSid);
  if (!audio.ok || !audio.body) {
    services.logger.warn({ callId, status: audio.status }, "Twilio did not serve a recording");
    return reply(502, `Twilio answered ${audio.status} for the recording.`);
  }
  res.writeHead(200, {
    "content-type": audio.headers.get("content-type") ?? "audio/mpeg",
    ...(audio.headers.get("content-length")
      ? { "content-length": audio.headers.get("content-length") ?? "" }
      : {}),
    "cache-control": "private, no-store",
  });
  Readable.fromWeb(audio.body).pipe(res);
}
