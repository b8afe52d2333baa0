import type { RealtimeRefusedDetails } from "@koe/shared";
import type { BridgeContext } from "../context.ts";
import { raiseOperatorAlert } from "../events/operator-alert.ts";
import type { ProviderRefusal } from "../realtime/provider-refusal.ts";

/**
 * Records that OpenAI refused a call's session for a reason only a person can fix (API key,
 * permission, quota): an alert on the call, and one OperatorAlert per company and hour.
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
  await raiseOperatorAlert(ctx, call, { kind: "realtime_refused", message, details, period: details.hour });
}
