import {
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  RingProgress,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/use-format.ts";
import type { RolloutState } from "../../lib/api-types.ts";
import { errorMessage } from "../../lib/error-message.ts";
import { useTRPC } from "../../trpc.ts";

const STEPS = ["0", "1", "10", "50", "100"];

/** The share of new calls on the Realtime API: the usual steps or any whole percentage, confirmed first. */
export function PercentageCard({ rollout }: { rollout: RolloutState }) {
  const { t } = useTranslation(["rollout", "common"]);
  const format = useFormat();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<number | string>(rollout.realtimePercentage);
  const [reason, setReason] = useState("");
  const [confirming, setConfirming] = useState(false);
  const set = useMutation(trpc.rollout.set.mutationOptions());
  const value = typeof target === "number" ? target : Number.NaN;
  const invalid = !Number.isInteger(value) || value < 0 || value > 100;
  const unchanged = value === rollout.realtimePercentage;

  const apply = async () => {
    try {
      const result = await set.mutateAsync({
        percentage: value,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      setConfirming(false);
      setReason("");
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.rollout.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.salesPitch.pathKey() }),
      ]);
      notifications.show({
        color: "teal",
        title: t("percentage.doneTitle"),
        message: t("percentage.doneMessage", { from: result.from, to: result.to }),
      });
    } catch (error) {
      notifications.show({ color: "red", title: t("percentage.failedTitle"), message: errorMessage(error) });
    }
  };

  return (
    <Card withBorder radius="md" padding="lg">
      <Group align="flex-start" wrap="nowrap" gap="xl">
        <RingProgress
          size={132}
          thickness={12}
          roundCaps
          sections={[{ value: rollout.realtimePercentage, color: "teal" }]}
          label={
            <Text ta="center" fw={700} size="xl" data-testid="current-percentage">
              {rollout.realtimePercentage}%
            </Text>
          }
        />
        <Stack gap="sm" style={{ flex: 1 }}>
          <div>
            <Title order={5}>{t("percentage.title")}</Title>
            <Text size="sm" c="dimmed">
              {t("percentage.description")}
            </Text>
            {rollout.changedAt && (
              <Text size="xs" c="dimmed" mt={4}>
                {t("percentage.lastChanged", {
                  at: format.dateTime(rollout.changedAt),
                  by: rollout.changedBy?.name ?? t("percentage.automatic"),
                })}
              </Text>
            )}
          </div>
          <Group align="flex-end">
            <SegmentedControl
              data={STEPS.map((step) => ({ value: step, label: `${step}%` }))}
              value={STEPS.includes(String(target)) ? String(target) : ""}
              onChange={(step) => setTarget(Number(step))}
            />
            <NumberInput
              label={t("percentage.custom")}
              w={120}
              min={0}
              max={100}
              allowDecimal={false}
              suffix="%"
              value={target}
              onChange={setTarget}
              error={invalid ? t("percentage.invalid") : undefined}
              data-testid="percentage-input"
            />
          </Group>
          <TextInput
            label={t("percentage.reason")}
            placeholder={t("percentage.reasonPlaceholder")}
            maxLength={500}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button disabled={invalid || unchanged} onClick={() => setConfirming(true)}>
              {t("percentage.submit")}
            </Button>
          </Group>
        </Stack>
      </Group>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t("percentage.confirmTitle")}>
        <Stack>
          <Text>
            <Trans
              t={t}
              i18nKey="percentage.confirmBody"
              values={{ from: rollout.realtimePercentage, to: value }}
              components={{ b: <b /> }}
            />
          </Text>
          <Text size="sm" c="dimmed">
            {t("percentage.confirmNote")}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t("common:cancel")}
            </Button>
            <Button loading={set.isPending} onClick={() => void apply()}>
              {t("percentage.confirm")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
