import { Alert, Badge, Button, Group, Loader, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/error-message.ts";
import { formatPhoneNumber } from "../../lib/phone-number.ts";
import { useTRPC } from "../../trpc.ts";
import { ScenarioEditor, type ScenarioView } from "./scenario-editor.tsx";

/** The agent's test scenarios, each opened in the editor; admins add and delete them here. */
export function ScenarioList({ agentId }: { agentId: string }) {
  const { t } = useTranslation("evals");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const scenarios = useQuery(trpc.evals.scenarios.queryOptions({ agentId }));
  const remove = useMutation(trpc.evals.deleteScenario.mutationOptions());
  const [editing, setEditing] = useState<ScenarioView | "new" | null>(null);

  const deleteScenario = async (scenario: ScenarioView) => {
    try {
      await remove.mutateAsync({ scenarioId: scenario.id });
      await queryClient.invalidateQueries({ queryKey: trpc.evals.scenarios.queryKey({ agentId }) });
      notifications.show({ color: "teal", message: t("scenarios.deleted", { name: scenario.name }) });
    } catch (error) {
      notifications.show({ color: "red", message: errorMessage(error) });
    }
  };

  if (scenarios.isPending) return <Loader />;
  if (scenarios.isError) return <Alert color="red">{errorMessage(scenarios.error)}</Alert>;
  return (
    <>
      <Group justify="flex-end" mb="sm">
        <Button onClick={() => setEditing("new")}>{t("scenarios.add")}</Button>
      </Group>
      {scenarios.data.length === 0 ? (
        <Text c="dimmed">{t("scenarios.empty")}</Text>
      ) : (
        <Table striped highlightOnHover data-testid="scenario-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("scenarios.columns.name")}</Table.Th>
              <Table.Th>{t("scenarios.columns.caller")}</Table.Th>
              <Table.Th>{t("scenarios.columns.lines")}</Table.Th>
              <Table.Th>{t("scenarios.columns.expectations")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {scenarios.data.map((scenario) => (
              <Table.Tr key={scenario.id}>
                <Table.Td>
                  <Text fw={500}>{scenario.name}</Text>
                  <Text size="xs" c="dimmed">
                    {scenario.description}
                  </Text>
                </Table.Td>
                <Table.Td>{formatPhoneNumber(scenario.callerNumber)}</Table.Td>
                <Table.Td>{scenario.steps.filter((s) => s.speaker === "caller").length}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {scenario.expectations.map((expectation, index) => (
                      <Badge key={index} variant="light" size="sm">
                        {t(`editor.kinds.${expectation.kind}`)}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button size="xs" variant="light" onClick={() => setEditing(scenario)}>
                      {t("scenarios.edit")}
                    </Button>
                    <Button size="xs" variant="subtle" color="red" onClick={() => deleteScenario(scenario)}>
                      {t("scenarios.delete")}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && (
        <ScenarioEditor
          key={editing === "new" ? "new" : editing.id}
          agentId={agentId}
          scenario={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
