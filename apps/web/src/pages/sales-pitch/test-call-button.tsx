import { Alert, Badge, Button, Group, Loader, Modal, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { TestCallTranscriptView } from "./test-call-transcript-view.tsx";
import { type TestCallStatus, useTestCall } from "./use-test-call.ts";

const STATUS_COLORS: Record<Exclude<TestCallStatus["kind"], "idle">, string> = {
  connecting: "gray",
  live: "teal",
  ended: "gray",
  failed: "red",
};

/** 「ブラウザでテスト通話」: talk to the agent, with its saved settings, through the microphone. */
export function TestCallButton({ agentId, unsaved }: { agentId: string; unsaved: boolean }) {
  const { t } = useTranslation("salesPitch");
  const { status, transcript, channelError, start, close } = useTestCall(agentId);
  const live = status.kind === "live" || status.kind === "connecting";

  return (
    <>
      <Button variant="light" color="teal" onClick={() => void start()} disabled={status.kind !== "idle"}>
        {t("testCall.button")}
      </Button>
      <Modal opened={status.kind !== "idle"} onClose={close} title={t("testCall.button")} size="lg">
        <Stack>
          {unsaved && (
            <Alert color="yellow" variant="light">
              {t("testCall.unsaved")}
            </Alert>
          )}
          {status.kind !== "idle" && <StatusLine status={status} />}
          {status.kind === "failed" && (
            <Alert color="red" title={t("testCall.failedTitle")}>
              {status.message}
            </Alert>
          )}
          {transcript.error && (
            <Alert color="red" variant="light" data-testid="test-call-event-error">
              {t("testCall.agentError", { message: transcript.error })}
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
              {live ? t("testCall.hangUp") : t("testCall.close")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function StatusLine({ status }: { status: Exclude<TestCallStatus, { kind: "idle" }> }) {
  const { t } = useTranslation("salesPitch");
  return (
    <Group gap="xs" data-testid="test-call-status" data-state={status.kind}>
      <Badge
        color={STATUS_COLORS[status.kind]}
        variant="light"
        leftSection={status.kind === "connecting" && <Loader size={10} />}
      >
        {t(`testCall.status.${status.kind}`)}
      </Badge>
      <Text size="sm">
        {status.kind === "live" ? t("testCall.live", { model: status.model }) : t(`testCall.${status.kind}`)}
      </Text>
    </Group>
  );
}
