import type { EvalToolCall } from "@koe/shared";

/** What one test call showed, read from what the bridge recorded and what the caller heard. */
export type ObservedCall = {
  toolCalls: EvalToolCall[];
  /** Error messages the tools returned to the model, by tool name. */
  toolErrors: { name: string; message: string }[];
  /** The agent asked for an operator (its handoff tool, or a handoff event by the AI). */
  handoffRequested: boolean;
  /** The call left the AI for a person (any initiator). */
  handedOff: boolean;
  appointmentsCreated: number;
  /** The call's row: its final status and why it ended. */
  status: string;
  endReason: string | null;
  turnLatenciesMs: number[];
  callerCer: number | null;
  costUsd: number | null;
  /** The call did not play through (refused, cut off, timed out), in Japanese. */
  error: string | null;
};
