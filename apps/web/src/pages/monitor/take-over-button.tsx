import { Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "../../lib/error-message.ts";
import { useTRPC } from "../../trpc.ts";

/** 「オペレーターに転送」: moves the live call from the AI to the company's operator line. */
export function TakeOverButton({ callId, disabled }: { callId: string; disabled: boolean }) {
  const trpc = useTRPC();
  const [opened, setOpened] = useState(false);
  const [reason, setReason] = useState("");
  const takeOver = useMutation(trpc.calls.takeOver.mutationOptions());
  const confirm = async () => {
    try {
      const result = await takeOver.mutateAsync({
        callId,
        reason: reason.trim() || "オペレーターが引き継ぎ",
      });
      notifications.show({
        color: "teal",
        title: "転送しました",
        message: `通話を ${result.target} に転送しました。`,
      });
      setOpened(false);
    } catch (error) {
      notifications.show({
        color: "red",
        title: "転送できませんでした",
        message: errorMessage(error, {
          CONFLICT: "この通話はすでに終了しているか、オペレーターに転送済みです。",
          PRECONDITION_FAILED: "Twilio の認証情報が設定されていないため転送できません。",
        }),
      });
    }
  };
  return (
    <>
      <Button color="orange" onClick={() => setOpened(true)} disabled={disabled}>
        オペレーターに転送
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="オペレーターに転送しますか?">
        <Stack>
          <Text size="sm">AI との通話を終了し、お客様を会社のオペレーター窓口におつなぎします。</Text>
          <Textarea
            label="理由(任意)"
            placeholder="例: 料金についての込み入ったご相談"
            value={reason}
            maxLength={500}
            onChange={(event) => setReason(event.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              キャンセル
            </Button>
            <Button color="orange" loading={takeOver.isPending} onClick={() => void confirm()}>
              転送する
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
