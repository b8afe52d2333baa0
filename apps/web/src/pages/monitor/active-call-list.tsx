import { Badge, Group, Paper, Stack, Text, UnstyledButton } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { TestCallBadge } from "../../call-events/test-call-badge.tsx";
import type { CallSummary } from "../../lib/api-types.ts";
import { STATUS_COLORS, useLabels } from "../../lib/labels.ts";
import { CallParty } from "./call-party.tsx";
import { ElapsedTime } from "./elapsed-time.tsx";

export function ActiveCallList(props: {
  calls: CallSummary[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const { t } = useTranslation("monitor");
  const labels = useLabels();
  if (props.calls.length === 0) {
    return (
      <Paper withBorder p="lg" ta="center">
        <Text c="dimmed" size="sm">
          {t("list.empty")}
        </Text>
        <Text c="dimmed" size="xs" mt={4}>
          {t("list.emptyHint")}
        </Text>
      </Paper>
    );
  }
  return (
    <Stack gap="xs" data-testid="active-calls">
      {props.calls.map((call) => (
        <UnstyledButton key={call.id} onClick={() => props.onSelect(call.id)} data-testid="active-call">
          <Paper
            withBorder
            p="sm"
            radius="md"
            bg={call.id === props.selectedId ? "indigo.0" : "white"}
            style={{ borderColor: call.handoffBy === "ai" ? "var(--mantine-color-orange-5)" : undefined }}
          >
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <CallParty call={call} />
              <ElapsedTime since={call.answeredAt ?? call.startedAt} />
            </Group>
            <Group gap={4} mt={6}>
              <Badge size="xs" color={STATUS_COLORS[call.status]}>
                {labels.status(call.status)}
              </Badge>
              <Badge size="xs" variant="light" color={call.engine === "realtime" ? "teal" : "gray"}>
                {labels.engine(call.engine)}
              </Badge>
              <TestCallBadge isTest={call.isTest} size="xs" />
              {call.handoffAt && (
                <Badge size="xs" color="orange">
                  {call.handoffBy === "ai" ? t("list.aiHandoff") : t("list.handedOff")}
                </Badge>
              )}
            </Group>
          </Paper>
        </UnstyledButton>
      ))}
    </Stack>
  );
}
