import { KNOWN_TOOLS } from "@koe/shared";
import { Autocomplete, Button, Checkbox, Group, NumberInput, Select, Text, TextInput } from "@mantine/core";
import type { Dispatch, SetStateAction } from "react";
import { useTranslation } from "react-i18next";
import { RemovableRow } from "./removable-row.tsx";
import {
  EXPECTATION_KINDS,
  type ExpectationDraft,
  newExpectationDraft,
  type ScenarioDraft,
} from "./scenario-draft.ts";

/** What the scenario's calls are judged by: each expectation's kind and its tool, arguments or limit. */
export function ScenarioExpectations({
  expectations,
  setDraft,
  error,
}: {
  expectations: ExpectationDraft[];
  setDraft: Dispatch<SetStateAction<ScenarioDraft>>;
  error(path: string): string | null;
}) {
  const { t } = useTranslation("evals");
  const setExpectation = (index: number, patch: Partial<ExpectationDraft>) =>
    setDraft((d) => ({
      ...d,
      expectations: d.expectations.map((e, i) => (i === index ? { ...e, ...patch } : e)),
    }));
  return (
    <>
      <Text size="sm" fw={500} mt="sm">
        {t("editor.expectations")}
      </Text>
      {expectations.map((expectation, index) => (
        <RemovableRow
          key={index}
          testId="scenario-expectation"
          onRemove={() =>
            setDraft((d) => ({ ...d, expectations: d.expectations.filter((_, i) => i !== index) }))
          }
        >
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
          <ExpectationFields
            expectation={expectation}
            index={index}
            error={error}
            onChange={(patch) => setExpectation(index, patch)}
          />
        </RemovableRow>
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
    </>
  );
}

/** The fields an expectation of its kind has (none for those judged from the call alone). */
function ExpectationFields({
  expectation,
  index,
  error,
  onChange,
}: {
  expectation: ExpectationDraft;
  index: number;
  error(path: string): string | null;
  onChange(patch: Partial<ExpectationDraft>): void;
}) {
  const { t } = useTranslation("evals");
  switch (expectation.kind) {
    case "tool_called":
    case "tool_not_called":
      return (
        <>
          <Autocomplete
            aria-label={t("editor.tool")}
            w={220}
            data={[...KNOWN_TOOLS]}
            value={expectation.tool}
            onChange={(tool) => onChange({ tool })}
            error={error(`expectations.${index}.tool`)}
          />
          <TextInput
            style={{ flex: 1 }}
            aria-label={t("editor.requiredArguments")}
            placeholder={t("editor.requiredArguments")}
            value={expectation.argumentsJson}
            onChange={(e) => onChange({ argumentsJson: e.currentTarget.value })}
            error={error(`expectations.${index}.arguments`)}
          />
        </>
      );
    case "handoff":
      return (
        <Checkbox
          mt={8}
          label={t("editor.requested")}
          checked={expectation.requested}
          onChange={(e) => onChange({ requested: e.currentTarget.checked })}
        />
      );
    case "turn_latency_p95":
    case "caller_cer":
    case "cost":
      return (
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
          onChange={(limit) => onChange({ limit })}
          error={
            error(`expectations.${index}.maxMs`) ??
            error(`expectations.${index}.max`) ??
            error(`expectations.${index}.maxUsd`)
          }
        />
      );
    default:
      return null;
  }
}
