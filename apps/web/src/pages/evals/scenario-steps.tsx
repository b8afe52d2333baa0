import { Button, Group, NumberInput, Text, TextInput } from "@mantine/core";
import type { Dispatch, SetStateAction } from "react";
import { useTranslation } from "react-i18next";
import { RemovableRow } from "./removable-row.tsx";
import type { ScenarioDraft, StepDraft } from "./scenario-draft.ts";

/** The steps a new one of each speaker starts as. */
const NEW_STEPS = {
  caller: { speaker: "caller", say: "", pauseMs: 400, interruptAfterMs: "" },
  agent: { speaker: "agent", say: "" },
  tool: { speaker: "tool", name: "get_customer_info", argumentsJson: "{}" },
} as const satisfies Record<string, StepDraft>;

/** The scenario's script: the caller's lines with pauses and barge-ins, the agent's and the tools'. */
export function ScenarioSteps({
  steps,
  setDraft,
  error,
}: {
  steps: StepDraft[];
  setDraft: Dispatch<SetStateAction<ScenarioDraft>>;
  error(path: string): string | null;
}) {
  const { t } = useTranslation("evals");
  const setStep = (index: number, step: StepDraft) =>
    setDraft((d) => ({ ...d, steps: d.steps.map((s, i) => (i === index ? step : s)) }));
  const add = (speaker: keyof typeof NEW_STEPS) =>
    setDraft((d) => ({ ...d, steps: [...d.steps, { ...NEW_STEPS[speaker] }] }));
  return (
    <>
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
      {steps.map((step, index) => (
        <RemovableRow
          key={index}
          testId="scenario-step"
          onRemove={() => setDraft((d) => ({ ...d, steps: d.steps.filter((_, i) => i !== index) }))}
        >
          <Text size="sm" fw={500} w={90} pt={6}>
            {t(`editor.speaker.${step.speaker}`)}
          </Text>
          <StepFields step={step} index={index} error={error} onChange={(s) => setStep(index, s)} />
        </RemovableRow>
      ))}
      <Group gap="xs">
        <Button size="xs" variant="light" onClick={() => add("caller")}>
          + {t("editor.addCaller")}
        </Button>
        <Button size="xs" variant="light" color="gray" onClick={() => add("agent")}>
          + {t("editor.addAgent")}
        </Button>
        <Button size="xs" variant="light" color="gray" onClick={() => add("tool")}>
          + {t("editor.addTool")}
        </Button>
      </Group>
    </>
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
          <SayInput step={step} index={index} error={error} onChange={onChange} />
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
      return <SayInput step={step} index={index} error={error} onChange={onChange} />;
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

/** What a caller or the agent says in a step. */
function SayInput<Step extends Extract<StepDraft, { say: string }>>({
  step,
  index,
  error,
  onChange,
}: {
  step: Step;
  index: number;
  error(path: string): string | null;
  onChange(step: Step): void;
}) {
  const { t } = useTranslation("evals");
  return (
    <TextInput
      style={{ flex: 1 }}
      aria-label={t("editor.say")}
      value={step.say}
      onChange={(e) => onChange({ ...step, say: e.currentTarget.value })}
      error={error(`steps.${index}.say`)}
    />
  );
}
