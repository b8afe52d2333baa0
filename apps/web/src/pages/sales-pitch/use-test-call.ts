import { useMutation } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorCode, errorMessage } from "../../lib/error-message.ts";
import { useTRPC } from "../../trpc.ts";
import { EMPTY_TRANSCRIPT, foldServerEvent, type TestCallTranscript } from "./test-call-transcript.ts";
import { CallRefusedError, startTestCall, type TestCall } from "./webrtc-test-call.ts";

export type TestCallStatus =
  | { kind: "idle" }
  /** Asking the api for a secret, then OpenAI for the call, until the events channel opens. */
  | { kind: "connecting" }
  | { kind: "live"; model: string }
  | { kind: "ended" }
  | { kind: "failed"; message: string };

/** One in-browser test call at a time: its status, its transcript as it grows, and hanging up. */
export function useTestCall(agentId: string) {
  const { t } = useTranslation("salesPitch");
  const trpc = useTRPC();
  const secret = useMutation(trpc.salesPitch.createTestCallSecret.mutationOptions());
  const [status, setStatus] = useState<TestCallStatus>({ kind: "idle" });
  const [transcript, setTranscript] = useState<TestCallTranscript>(EMPTY_TRANSCRIPT);
  const [channelError, setChannelError] = useState<string | null>(null);
  const call = useRef<TestCall | null>(null);

  useEffect(() => () => call.current?.hangUp(), []);

  const start = async () => {
    setStatus({ kind: "connecting" });
    setTranscript(EMPTY_TRANSCRIPT);
    setChannelError(null);
    try {
      const granted = await secret.mutateAsync({ agentId });
      call.current = await startTestCall(granted, {
        onOpen: () => setStatus({ kind: "live", model: granted.model }),
        onEvent: (event) => setTranscript((current) => foldServerEvent(current, event)),
        onChannelError: () => setChannelError(t("testCall.channelError")),
        onEnded: (how) =>
          setStatus(
            how === "failed" ? { kind: "failed", message: t("testCall.connectionLost") } : { kind: "ended" },
          ),
      });
    } catch (error) {
      setStatus({ kind: "failed", message: testCallFailure(error, t) });
    }
  };
  const close = () => {
    call.current?.hangUp();
    call.current = null;
    setStatus({ kind: "idle" });
  };
  return { status, transcript, channelError, start, close };
}

/** Why the test call did not start: the server's refusal, or the browser's (microphone, network). */
function testCallFailure(error: unknown, t: TFunction<"salesPitch">): string {
  if (!errorCode(error)) {
    const detail =
      error instanceof CallRefusedError
        ? t("testCall.refused", { detail: error.detail })
        : error instanceof Error
          ? error.message
          : String(error);
    return t("testCall.notStarted", { detail });
  }
  if (errorCode(error) === "PRECONDITION_FAILED" && String(error).includes("OPENAI_API_KEY")) {
    return t("testCall.noKey");
  }
  return errorMessage(error, { BAD_GATEWAY: t("testCall.secretRefused") });
}
