import { Group, Select } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { HistoryFilter } from "../../lib/api-types.ts";
import { CALL_STATUSES, ENGINES, useLabels } from "../../lib/labels.ts";

export type HistoryFilterValues = {
  period: "today" | "7d" | "30d" | "all";
  agentId: string | null;
  engine: string | null;
  status: string | null;
  handoff: "yes" | "no" | null;
};

export const DEFAULT_FILTERS: HistoryFilterValues = {
  period: "30d",
  agentId: null,
  engine: null,
  status: null,
  handoff: null,
};

const PERIODS: HistoryFilterValues["period"][] = ["today", "7d", "30d", "all"];

const DAY_MS = 86_400_000;

/** The api's history input for the chosen filters (the period counted back from `now`). */
export function toHistoryInput(values: HistoryFilterValues, now: Date): Omit<HistoryFilter, "cursor"> {
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const from =
    values.period === "today"
      ? startOfToday
      : values.period === "7d"
        ? new Date(now.getTime() - 7 * DAY_MS)
        : values.period === "30d"
          ? new Date(now.getTime() - 30 * DAY_MS)
          : null;
  return {
    limit: 25,
    ...(from ? { from: from.toISOString() } : {}),
    ...(values.agentId ? { agentId: values.agentId } : {}),
    ...(values.engine ? { engine: values.engine as HistoryFilter["engine"] } : {}),
    ...(values.status ? { status: values.status as HistoryFilter["status"] } : {}),
    ...(values.handoff ? { handoff: values.handoff === "yes" } : {}),
  };
}

export function HistoryFilters(props: {
  values: HistoryFilterValues;
  agents: { id: string; name: string }[];
  onChange: (values: HistoryFilterValues) => void;
}) {
  const { t } = useTranslation("calls");
  const labels = useLabels();
  const set = <K extends keyof HistoryFilterValues>(key: K, value: HistoryFilterValues[K]) =>
    props.onChange({ ...props.values, [key]: value });
  return (
    <Group gap="sm" align="flex-end">
      <Select
        label={t("filters.period")}
        w={160}
        data={PERIODS.map((period) => ({ value: period, label: t(`filters.periods.${period}`) }))}
        value={props.values.period}
        allowDeselect={false}
        onChange={(v) => v && set("period", v as HistoryFilterValues["period"])}
      />
      <Select
        label={t("filters.agent")}
        w={200}
        placeholder={t("filters.any")}
        clearable
        data={props.agents.map((a) => ({ value: a.id, label: a.name }))}
        value={props.values.agentId}
        onChange={(v) => set("agentId", v)}
      />
      <Select
        label={t("filters.engine")}
        w={160}
        placeholder={t("filters.any")}
        clearable
        data={ENGINES.map((engine) => ({ value: engine, label: labels.engine(engine) }))}
        value={props.values.engine}
        onChange={(v) => set("engine", v)}
      />
      <Select
        label={t("filters.status")}
        w={150}
        placeholder={t("filters.any")}
        clearable
        data={CALL_STATUSES.map((status) => ({ value: status, label: labels.status(status) }))}
        value={props.values.status}
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
        value={props.values.handoff}
        onChange={(v) => set("handoff", v as HistoryFilterValues["handoff"])}
      />
    </Group>
  );
}
