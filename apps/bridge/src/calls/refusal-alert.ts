import type { RealtimeRefusedDetails } from "@koe/shared";
import type { BridgeContext } from "../context.ts";
import type { ProviderRefusal } from "../realtime/provider-refusal.ts";

/**
 * Records that OpenAI refused a call's session for a reason only a person can fix (API key,
 * permission, quota): an `alert` event on the call, and once per company and hour (however many
 * calls and processes meet the refusal; the unique dedupe key decides) an OperatorAlert.
 */
export async function alertRealtimeRefused(
  ctx: Pick<BridgeContext, "prisma" | "journal">,
  call: { id: string; companyId: string },
  refusal: ProviderRefusal,
  now = new Date(),
): Promise<void> {
  const hour = new Date(now);
  hour.setUTCMinutes(0, 0, 0);
  const details: RealtimeRefusedDetails = { code: refusal.label, hour: hour.toISOString() };
  const message = `OpenAI Realtime APIが接続を拒否しました (${details.code})。APIキーと利用枠をご確認ください。該当する通話は担当者へおつなぎしています。`;
  ctx.journal.event(call, "alert", { kind: "realtime_refused", message });
  await ctx.prisma.operatorAlert.createMany({
    data: [
      {
        companyId: call.companyId,
        kind: "realtime_refused",
        message,
        details,
        dedupeKey: `realtime_refused:${call.companyId}:${details.hour}`,
      },
    ],
    skipDuplicates: true,
  });
}
