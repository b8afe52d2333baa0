import { type Expectation, type ExpectationResult, expectationLabel } from "@koe/shared";
import type { ObservedCall } from "./observed-call.ts";
import { percentile } from "./percentile.ts";

function valueText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function argumentsText(args: Record<string, unknown> | null): string {
  if (!args || Object.keys(args).length === 0) return "引数なし";
  return Object.entries(args)
    .map(([key, value]) => `${key}=${valueText(value)}`)
    .join(", ");
}

/** Every required argument is present with the same value (strings compared as written). */
function argumentsMatch(
  actual: Record<string, unknown> | null,
  required: Record<string, unknown> | undefined,
) {
  if (!required) return true;
  return Object.entries(required).every(
    ([key, value]) => actual !== null && valueText(actual[key]) === valueText(value),
  );
}

/** The tools called, for a reason: 「get_customer_info, schedule_appointment」 or 「なし」. */
function calledTools(observed: ObservedCall): string {
  const names = [...new Set(observed.toolCalls.map((call) => call.name))];
  return names.length > 0 ? names.join(", ") : "なし";
}

function check(expectation: Expectation, observed: ObservedCall): { passed: boolean; reason: string } {
  switch (expectation.kind) {
    case "tool_called": {
      const calls = observed.toolCalls.filter((call) => call.name === expectation.tool);
      const match = calls.find((call) => argumentsMatch(call.arguments, expectation.arguments));
      if (match)
        return {
          passed: true,
          reason: `${expectation.tool} が呼ばれました (${argumentsText(match.arguments)})`,
        };
      if (calls.length > 0) {
        const expected = argumentsText(expectation.arguments ?? null);
        const actual = calls.map((call) => argumentsText(call.arguments)).join(" / ");
        return {
          passed: false,
          reason: `${expectation.tool} は呼ばれましたが引数が違います: ${actual} (期待: ${expected})`,
        };
      }
      return {
        passed: false,
        reason: `${expectation.tool} は呼ばれませんでした (呼ばれたツール: ${calledTools(observed)})`,
      };
    }
    case "tool_not_called": {
      const match = observed.toolCalls.find(
        (call) => call.name === expectation.tool && argumentsMatch(call.arguments, expectation.arguments),
      );
      return match
        ? { passed: false, reason: `${expectation.tool} が呼ばれました (${argumentsText(match.arguments)})` }
        : { passed: true, reason: `${expectation.tool} は呼ばれませんでした` };
    }
    case "appointment_created": {
      if (observed.appointmentsCreated > 0)
        return { passed: true, reason: `予約が${observed.appointmentsCreated}件作成されました` };
      const refusal = observed.toolErrors.find((error) => error.name === "schedule_appointment");
      return {
        passed: false,
        reason: refusal
          ? `予約は作成されませんでした (schedule_appointment のエラー: ${refusal.message})`
          : "予約は作成されませんでした",
      };
    }
    case "handoff":
      if (expectation.requested)
        return observed.handoffRequested
          ? { passed: true, reason: "担当者への引き継ぎを依頼しました" }
          : { passed: false, reason: "担当者への引き継ぎを依頼しませんでした" };
      return observed.handoffRequested
        ? { passed: false, reason: "担当者への引き継ぎを依頼しました" }
        : { passed: true, reason: "担当者への引き継ぎはありませんでした" };
    case "completed_without_operator": {
      if (observed.error) return { passed: false, reason: observed.error };
      if (observed.handedOff) return { passed: false, reason: "担当者へ引き継がれました" };
      if (observed.status !== "completed")
        return {
          passed: false,
          reason: `通話が正常に終わりませんでした (${observed.status}${observed.endReason ? `, ${observed.endReason}` : ""})`,
        };
      return { passed: true, reason: "オペレーターなしで通話を終えました" };
    }
    case "turn_latency_p95": {
      const p95 = percentile(observed.turnLatenciesMs, 0.95);
      if (p95 === null) return { passed: false, reason: "応答遅延を測れるターンがありませんでした" };
      const text = `P95 ${Math.round(p95)} ms (${observed.turnLatenciesMs.length}ターン)`;
      return p95 < expectation.maxMs
        ? { passed: true, reason: `${text}、上限 ${expectation.maxMs} ms 未満です` }
        : { passed: false, reason: `${text}、上限 ${expectation.maxMs} ms 以上です` };
    }
    case "caller_cer": {
      if (observed.callerCer === null)
        return { passed: false, reason: "お客様の発話の文字起こしがありませんでした" };
      const text = `CER ${(observed.callerCer * 100).toFixed(1)}%`;
      return observed.callerCer < expectation.max
        ? { passed: true, reason: `${text}、上限 ${(expectation.max * 100).toFixed(1)}% 未満です` }
        : { passed: false, reason: `${text}、上限 ${(expectation.max * 100).toFixed(1)}% 以上です` };
    }
    case "cost": {
      if (observed.costUsd === null) return { passed: false, reason: "コストが記録されませんでした" };
      const text = `$${observed.costUsd.toFixed(4)}`;
      return observed.costUsd < expectation.maxUsd
        ? { passed: true, reason: `${text}、上限 $${expectation.maxUsd} 未満です` }
        : { passed: false, reason: `${text}、上限 $${expectation.maxUsd} 以上です` };
    }
  }
}

/**
 * Each expectation's verdict on one call, with its reason in Japanese. When the call did not play
 * through, a failed verdict's reason also says why the call broke off.
 */
export function checkExpectations(
  expectations: readonly Expectation[],
  observed: ObservedCall,
): ExpectationResult[] {
  return expectations.map((expectation, index) => {
    const verdict = check(expectation, observed);
    const failedCall = observed.error && !verdict.passed && !verdict.reason.startsWith(observed.error);
    return {
      index,
      label: expectationLabel(expectation),
      passed: verdict.passed,
      reason: failedCall ? `${verdict.reason} (${observed.error})` : verdict.reason,
    };
  });
}
