import { Alert, Badge, Button, Group, Loader, Modal, Stack, Text } from "@mantine/core";
import { TestCallTranscriptView } from "./test-call-transcript-view.tsx";
import { type TestCallStatus, useTestCall } from "./use-test-call.ts";

const STATUS_BADGE: Record<Exclude<TestCallStatus["kind"], "idle">, { label: string; color: string }> = {
  connecting: { label: "接続中", color: "gray" },
  live: { label: "通話中", color: "teal" },
  ended: { label: "終了", color: "gray" },
  failed: { label: "エラー", color: "red" },
};

/** 「ブラウザでテスト通話」: talk to the agent, with its saved settings, through the microphone. */
export function TestCallButton({ agentId, unsaved }: { agentId: string; unsaved: boolean }) {
  const { status, transcript, channelError, start, close } = useTestCall(agentId);
  const live = status.kind === "live" || status.kind === "connecting";

  return (
    <>
      <Button variant="light" color="teal" onClick={() => void start()} disabled={status.kind !== "idle"}>
        ブラウザでテスト通話
      </Button>
      <Modal opened={status.kind !== "idle"} onClose={close} title="ブラウザでテスト通話" size="lg">
        <Stack>
          {unsaved && (
            <Alert color="yellow" variant="light">
              未保存の変更はテスト通話に反映されません(保存済みの設定で通話します)。
            </Alert>
          )}
          {status.kind !== "idle" && <StatusLine status={status} />}
          {status.kind === "failed" && (
            <Alert color="red" title="テスト通話でエラーが発生しました">
              {status.message}
            </Alert>
          )}
          {transcript.error && (
            <Alert color="red" variant="light" data-testid="test-call-event-error">
              {transcript.error}
            </Alert>
          )}
          {channelError && (
            <Alert color="orange" variant="light">
              {channelError}
            </Alert>
          )}
          {(status.kind === "live" || transcript.lines.length > 0) && (
            <TestCallTranscriptView lines={transcript.lines} />
          )}
          <Group justify="flex-end">
            <Button color={live ? "red" : "gray"} onClick={close}>
              {live ? "通話を終了" : "閉じる"}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function StatusLine({ status }: { status: Exclude<TestCallStatus, { kind: "idle" }> }) {
  const badge = STATUS_BADGE[status.kind];
  return (
    <Group gap="xs" data-testid="test-call-status" data-state={status.kind}>
      <Badge
        color={badge.color}
        variant="light"
        leftSection={status.kind === "connecting" && <Loader size={10} />}
      >
        {badge.label}
      </Badge>
      <Text size="sm">
        {status.kind === "connecting" && "OpenAI に接続しています…"}
        {status.kind === "live" &&
          `接続しました(${status.model})。マイクに向かって話しかけてください。エージェントの声はこのブラウザから流れます。`}
        {status.kind === "ended" && "通話が終了しました。"}
        {status.kind === "failed" && "通話を開始できなかったか、途中で切れました。"}
      </Text>
    </Group>
  );
}
