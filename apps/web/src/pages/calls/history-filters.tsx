import { CALL_OUTCOMES, type CallHistorySearch, HISTORY_PERIODS } from "@koe/shared";
import { Group, Select } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { CALL_STATUSES, ENGINES, useLabels } from "../../lib/labels.ts";

/**
 * The history's filters. Their values are the page's URL search params (`CallHistorySearch`
 * from @koe/shared), so a filtered view can be bookmarked, shared and reloaded.
 */
export function HistoryFilters(props: {
  values: CallHistorySearch;
  agents: { id: string; name: string }[];
  onChange: (values: CallHistorySearch) => void;
}) {
  const { t } = useTranslation("calls");
  const labels = useLabels();
  // A cleared select gives null; the search leaves the key out.
  const set = <K extends keyof CallHistorySearch>(key: K, value: string | null) =>
    props.onChange({ ...props.values, [key]: value ?? undefined });
  return (
    <Group gap="sm" align="flex-end">
      <Select
        label={t("filters.period")}
        w={160}
        data={HISTORY_PERIODS.map((period) => ({ value: period, label: t(`filters.periods.${period}`) }))}
        value={props.values.period}
        allowDeselect={false}
        onChange={(v) => v && set("period", v)}
      />
      <Select
        label={t("filters.agent")}
        w={200}
        placeholder={t("filters.any")}
        clearable
        data={props.agents.map((a) => ({ value: a.id, label: a.name }))}
        value={props.values.agent ?? null}
        onChange={(v) => set("agent", v)}
      />
      <Select
        label={t("filters.engine")}
        w={160}
        placeholder={t("filters.any")}
        clearable
        data={ENGINES.map((engine) => ({ value: engine, label: labels.engine(engine) }))}
        value={props.values.engine ?? null}
        onChange={(v) => set("engine", v)}
      />
      <Select
        label={t("filters.status")}
        w={150}
        placeholder={t("filters.any")}
        clearable
        data={CALL_STATUSES.map((status) => ({ value: status, label: labels.status(status) }))}
        value={props.values.status ?? null}
        onChange={(v) => set("status", v)}
      />
      <Select
        label={t("filters.handoff")}
        w={160}
        placeholder={t("filters.any")}
        clearable
        data={[
          { value: "yes", label: t("filters.handoffYes") },
          { value: "no", label: t("filters.handoffNo") },
        ]}
        value={props.values.handoff ?? null}
        onChange={(v) => set("handoff", v)}
      />
      <Select
        label={t("filters.outcome")}
        w={170}
        placeholder={t("filters.any")}
        clearable
        data={CALL_OUTCOMES.map((outcome) => ({ value: outcome, label: labels.outcome(outcome) }))}
        value={props.values.outcome ?? null}
        onChange={(v) => set("outcome", v)}
        data-testid="filter-outcome"
      />
    </Group>
  );
}
