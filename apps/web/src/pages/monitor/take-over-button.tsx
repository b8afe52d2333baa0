import { Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message.ts";
import { useTRPC } from "../../trpc.ts";

/** 「オペレーターに転送」: moves the live call from the AI to the company's operator line. */
export function TakeOverButton({ callId, disabled }: { callId: string; disabled: boolean }) {
  const { t } = useTranslation(["monitor", "common"]);
  const trpc = useTRPC();
  const [opened, setOpened] = useState(false);
  const [reason, setReason] = useState("");
  const takeOver = useMutation(trpc.calls.takeOver.mutationOptions());
  const confirm = async () => {
    try {
      const result = await takeOver.mutateAsync({
        callId,
        reason: reason.trim() || t("takeOver.defaultReason"),
      });
      notifications.show({
        color: "teal",
        title: t("takeOver.doneTitle"),
        message: t("takeOver.doneMessage", { target: result.target ?? "" }),
      });
      setOpened(false);
    } catch (error) {
      notifications.show({
        color: "red",
        title: t("takeOver.failedTitle"),
        message: errorMessage(error, {
          CONFLICT: t("takeOver.conflict"),
          PRECONDITION_FAILED: t("takeOver.noTwilio"),
        }),
      });
    }
  };
  return (
    <>
      <Button color="orange" onClick={() => setOpened(true)} disabled={disabled}>
        {t("takeOver.button")}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t("takeOver.confirmTitle")}>
        <Stack>
          <Text size="sm">{t("takeOver.confirmBody")}</Text>
          <Textarea
            label={t("takeOver.reason")}
            placeholder={t("takeOver.reasonPlaceholder")}
            value={reason}
            maxLength={500}
            onChange={(event) => setReason(event.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              {t("common:cancel")}
            </Button>
            <Button color="orange" loading={takeOver.isPending} onClick={() => void confirm()}>
              {t("takeOver.confirm")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
