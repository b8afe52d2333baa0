import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { errorCode, errorMessage } from "../../lib/error-message.ts";
import { useTRPC } from "../../trpc.ts";
import { EMPTY_TRANSCRIPT, foldServerEvent, type TestCallTranscript } from "./test-call-transcript.ts";
import { startTestCall, type TestCall } from "./webrtc-test-call.ts";

export type TestCallStatus =
  | { kind: "idle" }
  /** Asking the api for a secret, then OpenAI for the call, until the events channel opens. */
  | { kind: "connecting" }
  | { kind: "live"; model: string }
  | { kind: "ended" }
  | { kind: "failed"; message: string };

export const NO_KEY =
  "OpenAI の API キー(OPENAI_API_KEY)がサーバーに設定されていないため、ブラウザでのテスト通話は利用できません。管理者にキーの設定を依頼してください。";
const CHANNEL_ERROR =
  "会話イベントの受信でエラーが発生しました。これ以降の発話は表示されない可能性があります。通話を終了してかけ直してください。";
const CONNECTION_LOST =
  "OpenAI との接続が切れました(ネットワークまたはファイアウォールで WebRTC が遮られている可能性があります)。";

/** One in-browser test call at a time: its status, its transcript as it grows, and hanging up. */
export function useTestCall(agentId: string) {
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
        onChannelError: () => setChannelError(CHANNEL_ERROR),
        onEnded: (how) =>
          setStatus(how === "failed" ? { kind: "failed", message: CONNECTION_LOST } : { kind: "ended" }),
      });
    } catch (error) {
      setStatus({ kind: "failed", message: testCallFailure(error) });
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
function testCallFailure(error: unknown): string {
  if (!errorCode(error)) {
    const detail = error instanceof Error ? error.message : String(error);
    return `テスト通話を開始できませんでした(マイクの許可とネットワークを確認してください): ${detail}`;
  }
  if (errorCode(error) === "PRECONDITION_FAILED" && String(error).includes("OPENAI_API_KEY")) return NO_KEY;
  return errorMessage(error, { BAD_GATEWAY: "OpenAI がテスト通話用のキーの発行を拒否しました。" });
}
