import { KNOWN_TOOLS } from "@koe/shared";
import {
  ActionIcon,
  Alert,
  Autocomplete,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiOutputs } from "../../lib/api-types.ts";
import { errorMessage } from "../../lib/error-message.ts";
import { useTRPC } from "../../trpc.ts";
import {
  EXPECTATION_KINDS,
  type ExpectationDraft,
  emptyDraft,
  newExpectationDraft,
  type ScenarioDraft,
  type StepDraft,
  toDraft,
  validateDraft,
} from "./scenario-draft.ts";

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

  const setStep = (index: number, step: StepDraft) =>
    setDraft((d) => ({ ...d, steps: d.steps.map((s, i) => (i === index ? step : s)) }));
  const setExpectation = (index: number, patch: Partial<ExpectationDraft>) =>
    setDraft((d) => ({
      ...d,
      expectations: d.expectations.map((e, i) => (i === index ? { ...e, ...patch } : e)),
    }));

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
        <div>
          <Text size="sm" fw={500}>
            {t("editor.steps")}
          </Text>
          <Text size="xs" c="dimmed">
            {t("editor.stepsHint")}
          </Text>
          {error("steps") && (
            <Text size="xs" c="red">
              {error("steps")}
            </Text>
          )}
        </div>
        {draft.steps.map((step, index) => (
          <Paper key={index} withBorder p="xs" data-testid="scenario-step">
            <Group align="flex-start" wrap="nowrap">
              <Text size="sm" fw={500} w={90} pt={6}>
                {t(`editor.speaker.${step.speaker}`)}
              </Text>
              <StepFields step={step} index={index} error={error} onChange={(s) => setStep(index, s)} />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t("editor.remove")}
                onClick={() => setDraft((d) => ({ ...d, steps: d.steps.filter((_, i) => i !== index) }))}
              >
                ×
              </ActionIcon>
            </Group>
          </Paper>
        ))}
        <Group gap="xs">
          <Button
            size="xs"
            variant="light"
            onClick={() =>
              setDraft((d) => ({
                ...d,
                steps: [...d.steps, { speaker: "caller", say: "", pauseMs: 400, interruptAfterMs: "" }],
              }))
            }
          >
            + {t("editor.addCaller")}
          </Button>
          <Button
            size="xs"
            variant="light"
            color="gray"
            onClick={() => setDraft((d) => ({ ...d, steps: [...d.steps, { speaker: "agent", say: "" }] }))}
          >
            + {t("editor.addAgent")}
          </Button>
          <Button
            size="xs"
            variant="light"
            color="gray"
            onClick={() =>
              setDraft((d) => ({
                ...d,
                steps: [...d.steps, { speaker: "tool", name: "get_customer_info", argumentsJson: "{}" }],
              }))
            }
          >
            + {t("editor.addTool")}
          </Button>
        </Group>

        <Text size="sm" fw={500} mt="sm">
          {t("editor.expectations")}
        </Text>
        {draft.expectations.map((expectation, index) => (
          <Paper key={index} withBorder p="xs" data-testid="scenario-expectation">
            <Group align="flex-start" wrap="nowrap">
              <Select
                aria-label={t("editor.kind")}
                w={220}
                allowDeselect={false}
                data={EXPECTATION_KINDS.map((kind) => ({ value: kind, label: t(`editor.kinds.${kind}`) }))}
                value={expectation.kind}
                onChange={(kind) =>
                  kind && setExpectation(index, newExpectationDraft(kind as ExpectationDraft["kind"]))
                }
              />
              {(expectation.kind === "tool_called" || expectation.kind === "tool_not_called") && (
                <>
                  <Autocomplete
                    aria-label={t("editor.tool")}
                    w={220}
                    data={[...KNOWN_TOOLS]}
                    value={expectation.tool}
                    onChange={(tool) => setExpectation(index, { tool })}
                    error={error(`expectations.${index}.tool`)}
                  />
                  <TextInput
                    style={{ flex: 1 }}
                    aria-label={t("editor.requiredArguments")}
                    placeholder={t("editor.requiredArguments")}
                    value={expectation.argumentsJson}
                    onChange={(e) => setExpectation(index, { argumentsJson: e.currentTarget.value })}
                    error={error(`expectations.${index}.arguments`)}
                  />
                </>
              )}
              {expectation.kind === "handoff" && (
                <Checkbox
                  mt={8}
                  label={t("editor.requested")}
                  checked={expectation.requested}
                  onChange={(e) => setExpectation(index, { requested: e.currentTarget.checked })}
                />
              )}
              {(expectation.kind === "turn_latency_p95" ||
                expectation.kind === "caller_cer" ||
                expectation.kind === "cost") && (
                <NumberInput
                  w={160}
                  aria-label={t(
                    expectation.kind === "turn_latency_p95"
                      ? "editor.maxMs"
                      : expectation.kind === "caller_cer"
                        ? "editor.maxCer"
                        : "editor.maxUsd",
                  )}
                  value={expectation.limit}
                  decimalScale={expectation.kind === "turn_latency_p95" ? 0 : 3}
                  onChange={(limit) => setExpectation(index, { limit })}
                  error={
                    error(`expectations.${index}.maxMs`) ??
                    error(`expectations.${index}.max`) ??
                    error(`expectations.${index}.maxUsd`)
                  }
                />
              )}
              <ActionIcon
                ml="auto"
                variant="subtle"
                color="red"
                aria-label={t("editor.remove")}
                onClick={() =>
                  setDraft((d) => ({ ...d, expectations: d.expectations.filter((_, i) => i !== index) }))
                }
              >
                ×
              </ActionIcon>
            </Group>
          </Paper>
        ))}
        <Group>
          <Button
            size="xs"
            variant="light"
            onClick={() =>
              setDraft((d) => ({ ...d, expectations: [...d.expectations, newExpectationDraft()] }))
            }
          >
            + {t("editor.addExpectation")}
          </Button>
        </Group>
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

function StepFields({
  step,
  index,
  error,
  onChange,
}: {
  step: StepDraft;
  index: number;
  error(path: string): string | null;
  onChange(step: StepDraft): void;
}) {
  const { t } = useTranslation("evals");
  switch (step.speaker) {
    case "caller":
      return (
        <Group align="flex-start" style={{ flex: 1 }} wrap="nowrap">
          <TextInput
            style={{ flex: 1 }}
            aria-label={t("editor.say")}
            value={step.say}
            onChange={(e) => onChange({ ...step, say: e.currentTarget.value })}
            error={error(`steps.${index}.say`)}
          />
          <NumberInput
            w={100}
            aria-label={t("editor.pauseMs")}
            placeholder={t("editor.pauseMs")}
            min={0}
            value={step.pauseMs}
            onChange={(pauseMs) => onChange({ ...step, pauseMs })}
          />
          <NumberInput
            w={120}
            aria-label={t("editor.interruptAfterMs")}
            placeholder={t("editor.interruptAfterMs")}
            title={t("editor.interruptHint")}
            min={0}
            value={step.interruptAfterMs}
            onChange={(interruptAfterMs) => onChange({ ...step, interruptAfterMs })}
          />
        </Group>
      );
    case "agent":
      return (
        <TextInput
          style={{ flex: 1 }}
          aria-label={t("editor.say")}
          value={step.say}
          onChange={(e) => onChange({ ...step, say: e.currentTarget.value })}
          error={error(`steps.${index}.say`)}
        />
      );
    case "tool":
      return (
        <Group align="flex-start" style={{ flex: 1 }} wrap="nowrap">
          <TextInput
            w={220}
            aria-label={t("editor.toolName")}
            value={step.name}
            onChange={(e) => onChange({ ...step, name: e.currentTarget.value })}
            error={error(`steps.${index}.name`)}
          />
          <TextInput
            style={{ flex: 1 }}
            aria-label={t("editor.toolArguments")}
            value={step.argumentsJson}
            onChange={(e) => onChange({ ...step, argumentsJson: e.currentTarget.value })}
            error={error(`steps.${index}.arguments`)}
          />
        </Group>
      );
    case "dtmf":
      return (
        <TextInput
          style={{ flex: 1 }}
          value={step.digits}
          onChange={(e) => onChange({ ...step, digits: e.currentTarget.value })}
        />
      );
  }
}
