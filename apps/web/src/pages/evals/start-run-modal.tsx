import { Alert, Button, Group, Modal, MultiSelect, NumberInput, Select, Stack } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { errorMessage } from "../../lib/error-message.ts";
import { useTRPC } from "../../trpc.ts";

/** Starts an evaluation run: which scenarios, how many calls, how many at once, which version. */
export function StartRunModal({ agentId, onClose }: { agentId: string; onClose(): void }) {
  const { t } = useTranslation(["evals", "common"]);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const options = useQuery(trpc.evals.runOptions.queryOptions({ agentId }));
  const start = useMutation(trpc.evals.startRun.mutationOptions());
  const [scenarios, setScenarios] = useState<string[]>([]);
  const [calls, setCalls] = useState<number | string>(10);
  const [concurrency, setConcurrency] = useState<number | string>(5);
  const [version, setVersion] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  const submit = async () => {
    setRefusal(null);
    try {
      const { runId } = await start.mutateAsync({
        agentId,
        calls: Number(calls),
        concurrency: Number(concurrency),
        ...(scenarios.length > 0 ? { scenarios } : {}),
        ...(version ? { version: Number(version) } : {}),
      });
      await queryClient.invalidateQueries({ queryKey: trpc.evals.runs.queryKey({ agentId }) });
      notifications.show({ color: "teal", message: t("startRun.started") });
      onClose();
      await navigate(`/evals/runs/${runId}`);
    } catch (error) {
      setRefusal(errorMessage(error));
    }
  };

  const current = options.data?.currentVersion;
  return (
    <Modal opened onClose={onClose} title={t("startRun.title")}>
      <Stack gap="sm">
        <MultiSelect
          label={t("startRun.scenarios")}
          placeholder={t("startRun.scenariosHint")}
          data={options.data?.scenarios ?? []}
          value={scenarios}
          onChange={setScenarios}
          clearable
        />
        <Group grow>
          <NumberInput label={t("startRun.calls")} min={1} max={500} value={calls} onChange={setCalls} />
          <NumberInput
            label={t("startRun.concurrency")}
            description={t("startRun.concurrencyHint")}
            min={1}
            max={50}
            value={concurrency}
            onChange={setConcurrency}
          />
        </Group>
        <Select
          label={t("startRun.version")}
          data={(options.data?.versions ?? []).map((v) => ({
            value: String(v.version),
            label: `${t("startRun.versionOption", { version: v.version })}${v.version === current ? ` ${t("startRun.current")}` : ""}`,
          }))}
          value={version ?? (current ? String(current) : null)}
          onChange={setVersion}
          allowDeselect={false}
        />
        {refusal && (
          <Alert color="red" title={t("startRun.failed")} data-testid="start-run-refused">
            {refusal}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common:cancel")}
          </Button>
          <Button onClick={submit} loading={start.isPending}>
            {t("startRun.submit")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
