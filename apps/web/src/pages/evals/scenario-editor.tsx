import { Alert, Button, Group, Modal, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiOutputs } from "../../lib/api-types.ts";
import { errorMessage } from "../../lib/error-message.ts";
import { useTRPC } from "../../trpc.ts";
import { emptyDraft, type ScenarioDraft, toDraft, validateDraft } from "./scenario-draft.ts";
import { ScenarioExpectations } from "./scenario-expectations.tsx";
import { ScenarioSteps } from "./scenario-steps.tsx";

export type ScenarioView = ApiOutputs["evals"]["scenarios"][number];

/** The messages of the api's refusal (zod issues of the scenario), or its message. */
function serverErrors(error: unknown): string[] {
  if (error instanceof TRPCClientError) {
    const zod = error.data?.zodError as { fieldErrors?: Record<string, string[]> } | null | undefined;
    const messages = Object.values(zod?.fieldErrors ?? {}).flat();
    if (messages.length > 0) return messages;
  }
  return [errorMessage(error)];
}

/** Adds or edits one test scenario: its caller lines with pauses and barge-ins, and its expectations. */
export function ScenarioEditor({
  agentId,
  scenario,
  onClose,
}: {
  agentId: string;
  /** null: a new scenario. */
  scenario: ScenarioView | null;
  onClose(): void;
}) {
  const { t } = useTranslation(["evals", "common"]);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<ScenarioDraft>(() => (scenario ? toDraft(scenario) : emptyDraft()));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [refused, setRefused] = useState<string[]>([]);
  const create = useMutation(trpc.evals.createScenario.mutationOptions());
  const update = useMutation(trpc.evals.updateScenario.mutationOptions());

  const save = async () => {
    const checked = validateDraft(draft, {
      jsonError: t("editor.invalidJson"),
      labels: {
        name: t("editor.name"),
        callerNumber: t("editor.callerNumber"),
        "steps.*.say": t("editor.say"),
        "steps.*.pauseMs": t("editor.pauseMs"),
        "steps.*.interruptAfterMs": t("editor.interruptAfterMs"),
        "steps.*.name": t("editor.toolName"),
        "expectations.*.tool": t("editor.tool"),
        "expectations.*.maxMs": t("editor.maxMs"),
        "expectations.*.max": t("editor.maxCer"),
        "expectations.*.maxUsd": t("editor.maxUsd"),
      },
    });
    setErrors(checked.errors ?? {});
    setRefused([]);
    if (!checked.input) return;
    try {
      const saved = scenario
        ? await update.mutateAsync({ scenarioId: scenario.id, scenario: checked.input })
        : await create.mutateAsync({ agentId, scenario: checked.input });
      await queryClient.invalidateQueries({ queryKey: trpc.evals.scenarios.queryKey({ agentId }) });
      notifications.show({ color: "teal", message: t("scenarios.saved", { name: saved.name }) });
      onClose();
    } catch (error) {
      setRefused(serverErrors(error));
    }
  };

  const error = (path: string) => errors[path] ?? null;

  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={scenario ? t("editor.editTitle") : t("editor.createTitle")}
    >
      <Stack gap="sm">
        <Group grow align="flex-start">
          <TextInput
            label={t("editor.name")}
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
            error={error("name")}
          />
          <TextInput
            label={t("editor.callerNumber")}
            description={t("editor.callerNumberHint")}
            value={draft.callerNumber}
            onChange={(e) => setDraft({ ...draft, callerNumber: e.currentTarget.value })}
            error={error("callerNumber")}
          />
        </Group>
        <Textarea
          label={t("editor.description")}
          autosize
          minRows={1}
          value={draft.description}
          onChange={(e) => setDraft({ ...draft, description: e.currentTarget.value })}
        />
        <ScenarioSteps steps={draft.steps} setDraft={setDraft} error={error} />
        <ScenarioExpectations expectations={draft.expectations} setDraft={setDraft} error={error} />
        {refused.length > 0 && (
          <Alert color="red" title={t("scenarios.saveFailed")} data-testid="scenario-refused">
            {refused.map((message) => (
              <Text key={message} size="sm">
                {message}
              </Text>
            ))}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common:cancel")}
          </Button>
          <Button onClick={save} loading={create.isPending || update.isPending}>
            {t("editor.save")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
