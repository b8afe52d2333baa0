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
import type { RolloutState } from "../../lib/api-types.ts";
import { errorMessage } from "../../lib/error-message.ts";
import { formatDateTime } from "../../lib/format.ts";
import { useTRPC } from "../../trpc.ts";

const STEPS = ["0", "1", "10", "50", "100"];

/** The share of new calls on the Realtime API: the usual steps or any whole percentage, confirmed first. */
export function PercentageCard({ rollout }: { rollout: RolloutState }) {
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
        title: "ロールアウト率を変更しました",
        message: `${result.from}% → ${result.to}%(新しい通話から反映されます)`,
      });
    } catch (error) {
      notifications.show({ color: "red", title: "変更できませんでした", message: errorMessage(error) });
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
            <Title order={5}>Realtime API のロールアウト率</Title>
            <Text size="sm" c="dimmed">
              新しい通話のうち Realtime API
              で応答する割合です。通話ごとに固定の振り分けを使うため、率を上げても既に対象の通話は対象のままです。
            </Text>
            {rollout.changedAt && (
              <Text size="xs" c="dimmed" mt={4}>
                最終変更: {formatDateTime(rollout.changedAt)}({rollout.changedBy?.name ?? "自動"})
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
              label="任意の値"
              w={120}
              min={0}
              max={100}
              allowDecimal={false}
              suffix="%"
              value={target}
              onChange={setTarget}
              error={invalid ? "0〜100 の整数で指定してください" : undefined}
              data-testid="percentage-input"
            />
          </Group>
          <TextInput
            label="変更理由(監査ログに残ります)"
            placeholder="例: 1% で 1 週間問題なし"
            maxLength={500}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button disabled={invalid || unchanged} onClick={() => setConfirming(true)}>
              ロールアウト率を変更
            </Button>
          </Group>
        </Stack>
      </Group>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="ロールアウト率を変更しますか?">
        <Stack>
          <Text>
            Realtime API の割合を <b>{rollout.realtimePercentage}%</b> から <b>{value}%</b> に変更します。
          </Text>
          <Text size="sm" c="dimmed">
            新しい通話から反映され、進行中の通話は変わりません。変更は監査ログに記録されます。
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              キャンセル
            </Button>
            <Button loading={set.isPending} onClick={() => void apply()}>
              変更する
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
