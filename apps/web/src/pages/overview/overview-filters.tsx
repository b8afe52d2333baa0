import { Group, SegmentedControl, Select, Switch } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ApiInputs, ApiOutputs } from "../../lib/api-types.ts";
import { ENGINES, useLabels } from "../../lib/labels.ts";

export type OverviewFilterValues = {
  period: "24h" | "7d" | "30d" | "90d";
  bucket: "hour" | "day";
  agentId: string | null;
  agentVersionId: string | null;
  engine: string | null;
  includeTests: boolean;
};

export const DEFAULT_OVERVIEW_FILTERS: OverviewFilterValues = {
  period: "7d",
  bucket: "day",
  agentId: null,
  agentVersionId: null,
  engine: null,
  includeTests: false,
};

const PERIOD_HOURS = { "24h": 24, "7d": 7 * 24, "30d": 30 * 24, "90d": 90 * 24 } as const;

/** Hourly buckets only fit periods of a week at most (the api refuses longer ones). */
export function bucketsFor(period: OverviewFilterValues["period"]): OverviewFilterValues["bucket"][] {
  return period === "24h" ? ["hour"] : period === "7d" ? ["hour", "day"] : ["day"];
}

/** The api's input for the chosen filters, the period ending `now`. */
export function toOverviewInput(values: OverviewFilterValues, now: Date): ApiInputs["overview"]["get"] {
  const from = new Date(now.getTime() - PERIOD_HOURS[values.period] * 3_600_000);
  return {
    from: from.toISOString(),
    to: now.toISOString(),
    bucket: bucketsFor(values.period).includes(values.bucket)
      ? values.bucket
      : (bucketsFor(values.period)[0] ?? "day"),
    ...(values.agentId ? { agentId: values.agentId } : {}),
    ...(values.agentVersionId ? { agentVersionId: values.agentVersionId } : {}),
    ...(values.engine
      ? { engine: values.engine as NonNullable<ApiInputs["overview"]["get"]["engine"]> }
      : {}),
    includeTests: values.includeTests,
  };
}

export function OverviewFilters(props: {
  values: OverviewFilterValues;
  agents: ApiOutputs["overview"]["get"]["agents"];
  onChange: (values: OverviewFilterValues) => void;
}) {
  const { t } = useTranslation("overview");
  const labels = useLabels();
  const { values } = props;
  const set = (patch: Partial<OverviewFilterValues>) => props.onChange({ ...values, ...patch });
  const versions = props.agents.find((a) => a.id === values.agentId)?.versions ?? [];
  const buckets = bucketsFor(values.period);
  return (
    <Group gap="sm" align="flex-end">
      <SegmentedControl
        aria-label={t("filters.period")}
        data={(["24h", "7d", "30d", "90d"] as const).map((p) => ({
          value: p,
          label: t(`filters.periods.${p}`),
        }))}
        value={values.period}
        onChange={(period) => {
          const next = period as OverviewFilterValues["period"];
          set({
            period: next,
            bucket: bucketsFor(next).includes(values.bucket) ? values.bucket : (bucketsFor(next)[0] ?? "day"),
          });
        }}
      />
      <SegmentedControl
        aria-label={t("filters.bucket")}
        data={(["hour", "day"] as const).map((b) => ({
          value: b,
          label: t(`filters.buckets.${b}`),
          disabled: !buckets.includes(b),
        }))}
        value={buckets.includes(values.bucket) ? values.bucket : (buckets[0] ?? "day")}
        onChange={(bucket) => set({ bucket: bucket as OverviewFilterValues["bucket"] })}
      />
      <Select
        label={t("filters.agent")}
        w={200}
        placeholder={t("filters.allAgents")}
        clearable
        data={props.agents.map((a) => ({ value: a.id, label: a.name }))}
        value={values.agentId}
        onChange={(agentId) => set({ agentId, agentVersionId: null })}
      />
      <Select
        label={t("filters.version")}
        w={140}
        placeholder={t("filters.allVersions")}
        clearable
        disabled={!values.agentId}
        data={versions.map((v) => ({
          value: v.id,
          label: t("filters.versionLabel", { version: v.version }),
        }))}
        value={values.agentVersionId}
        onChange={(agentVersionId) => set({ agentVersionId })}
      />
      <Select
        label={t("filters.engine")}
        w={170}
        placeholder={t("filters.allEngines")}
        clearable
        data={ENGINES.map((e) => ({ value: e, label: labels.engine(e) }))}
        value={values.engine}
        onChange={(engine) => set({ engine })}
      />
      <Switch
        label={t("filters.includeTests")}
        checked={values.includeTests}
        onChange={(e) => set({ includeTests: e.currentTarget.checked })}
        mb={8}
      />
    </Group>
  );
}
