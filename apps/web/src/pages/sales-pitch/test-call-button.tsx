import { Alert, Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { errorCode, errorMessage } from "../../lib/error-message.ts";
import { useTRPC } from "../../trpc.ts";
import { startTestCall, type TestCall } from "./webrtc-test-call.ts";

type CallState =
  | { kind: "idle" }
  | { kind: "connecting" }
  | { kind: "live"; model: string }
  | { kind: "ended" }
  | { kind: "failed"; message: string };

const NO_KEY =
  "OpenAI の API キー(OPENAI_API_KEY)がサーバーに設定されていないため、ブラウザでのテスト通話は利用できません。管理者にキーの設定を依頼してください。";

/** 「ブラウザでテスト通話」: talk to the agent, with its saved settings, through the microphone. */
export function TestCallButton({ agentId, unsaved }: { agentId: string; unsaved: boolean }) {
  const trpc = useTRPC();
  const [state, setState] = useState<CallState>({ kind: "idle" });
  const call = useRef<TestCall | null>(null);
  const secret = useMutation(trpc.salesPitch.createTestCallSecret.mutationOptions());

  useEffect(() => () => call.current?.hangUp(), []);

  const start = async () => {
    setState({ kind: "connecting" });
    try {
      const { value, model } = await secret.mutateAsync({ agentId });
      call.current = await startTestCall(value, () => setState({ kind: "ended" }));
      setState({ kind: "live", model });
    } catch (error) {
      setState({ kind: "failed", message: testCallFailure(error) });
    }
  };
  const close = () => {
    call.current?.hangUp();
    call.current = null;
    setState({ kind: "idle" });
  };

  return (
    <>
      <Button variant="light" color="teal" onClick={() => void start()} loading={state.kind === "connecting"}>
        ブラウザでテスト通話
      </Button>
      <Modal
        opened={state.kind !== "idle" && state.kind !== "connecting"}
        onClose={close}
        title="ブラウザでテスト通話"
      >
        <Stack>
          {unsaved && (
            <Alert color="yellow" variant="light">
              未保存の変更はテスト通話に反映されません(保存済みの設定で通話します)。
            </Alert>
          )}
          {state.kind === "failed" && (
            <Alert color="red" title="テスト通話を開始できません">
              {state.message}
            </Alert>
          )}
          {state.kind === "live" && (
            <Text>
              接続しました({state.model}
              )。マイクに向かって話しかけてください。エージェントの声はこのブラウザから流れます。
            </Text>
          )}
          {state.kind === "ended" && <Text>通話が終了しました。</Text>}
          <Group justify="flex-end">
            <Button color={state.kind === "live" ? "red" : "gray"} onClick={close}>
              {state.kind === "live" ? "通話を終了" : "閉じる"}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
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
