import type { TwilioRecordingStatusParams } from "@koe/shared";
import type { BridgeContext } from "../context.ts";

export const RECORDING_STATUS_PATH = "/api/twilio/recording-status";

/**
 * Twilio's recording status callback: a finished recording is stored on its call (the api streams
 * it to the company's users by its sid); a failed or empty one is written to the call's log.
 */
export async function handleRecordingStatus(
  ctx: BridgeContext,
  params: TwilioRecordingStatusParams,
): Promise<void> {
  const call = await ctx.prisma.callSession.findUnique({
    where: { callSid: params.CallSid },
    select: { id: true, companyId: true },
  });
  if (!call) {
    ctx.logger.warn({ callSid: params.CallSid }, "recording status for an unknown call");
    return;
  }
  if (params.RecordingStatus !== "completed") {
    if (params.RecordingStatus !== "in-progress")
      ctx.journal.event(call, "error", {
        source: "twilio",
        code: `recording_${params.RecordingStatus}`,
        message: `Twilio reported the recording ${params.RecordingSid} as ${params.RecordingStatus}`,
      });
    return;
  }
  await ctx.prisma.callSession.update({
    where: { id: call.id },
    data: {
      recordingSid: params.RecordingSid,
      recordingUrl: params.RecordingUrl,
      recordingDurationSeconds: params.RecordingDuration ?? null,
    },
  });
  ctx.journal.event(call, "status", { status: "recorded", detail: params.RecordingSid });
}
