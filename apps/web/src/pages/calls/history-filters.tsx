import { Group, Select } from "@mantine/core";
import type { HistoryFilter } from "../../lib/api-types.ts";
import { ENGINE_LABELS, STATUS_LABELS } from "../../lib/labels.ts";

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

const PERIODS = [
  { value: "today", label: "今日" },
  { value: "7d", label: "過去 7 日間" },
  { value: "30d", label: "過去 30 日間" },
  { value: "all", label: "すべての期間" },
];

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
  const set = <K extends keyof HistoryFilterValues>(key: K, value: HistoryFilterValues[K]) =>
    props.onChange({ ...props.values, [key]: value });
  return (
    <Group gap="sm" align="flex-end">
      <Select
        label="期間"
        w={150}
        data={PERIODS}
        value={props.values.period}
        allowDeselect={false}
        onChange={(v) => v && set("period", v as HistoryFilterValues["period"])}
      />
      <Select
        label="エージェント"
        w={200}
        placeholder="すべて"
        clearable
        data={props.agents.map((a) => ({ value: a.id, label: a.name }))}
        value={props.values.agentId}
        onChange={(v) => set("agentId", v)}
      />
      <Select
        label="エンジン"
        w={160}
        placeholder="すべて"
        clearable
        data={Object.entries(ENGINE_LABELS).map(([value, label]) => ({ value, label }))}
        value={props.values.engine}
        onChange={(v) => set("engine", v)}
      />
      <Select
        label="状態"
        w={150}
        placeholder="すべて"
        clearable
        data={Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }))}
        value={props.values.status}
        onChange={(v) => set("status", v)}
      />
      <Select
        label="転送"
        w={150}
        placeholder="すべて"
        clearable
        data={[
          { value: "yes", label: "転送あり" },
          { value: "no", label: "転送なし" },
        ]}
        value={props.values.handoff}
        onChange={(v) => set("handoff", v as HistoryFilterValues["handoff"])}
      />
    </Group>
  );
}
