import { ActionIcon, Group, Paper } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** One row of a scenario's list (a step, an expectation): its fields, then the button that removes it. */
export function RemovableRow({
  testId,
  onRemove,
  children,
}: {
  testId: string;
  onRemove(): void;
  children: ReactNode;
}) {
  const { t } = useTranslation("evals");
  return (
    <Paper withBorder p="xs" data-testid={testId}>
      <Group align="flex-start" wrap="nowrap">
        {children}
        <ActionIcon ml="auto" variant="subtle" color="red" aria-label={t("editor.remove")} onClick={onRemove}>
          ×
        </ActionIcon>
      </Group>
    </Paper>
  );
}
