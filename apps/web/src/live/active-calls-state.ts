import type { ActiveCallsMessage, CallSummary } from "../lib/api-types.ts";

/** The calls in progress after one message of `live.activeCalls`, oldest first. */
export function applyActiveCallsMessage(calls: CallSummary[], message: ActiveCallsMessage): CallSummary[] {
  if (message.kind === "snapshot") return message.calls;
  const others = calls.filter((call) => call.id !== message.call.id);
  if (message.kind === "ended") return others;
  return [...others, message.call].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}

/**
 * True when this message is the moment the AI asked for an operator: not seen before, and not
 * already announced (a call that has left the list may still get messages, e.g. a second ending).
 */
export function isNewAiHandoff(
  before: CallSummary[],
  message: ActiveCallsMessage,
  announced: ReadonlySet<string>,
): boolean {
  if (message.kind === "snapshot" || message.call.handoffBy !== "ai") return false;
  if (announced.has(message.call.id)) return false;
  const previous = before.find((call) => call.id === message.call.id);
  // The ending of a call this page never listed (it was opened or reloaded after the call had
  // left, and a late row change such as the post-call analysis ends it again) is history, not news.
  if (!previous && message.kind === "ended") return false;
  return previous?.handoffAt == null;
}
