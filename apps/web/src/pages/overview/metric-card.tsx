import { Badge, Card, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ApiOutputs } from "../../lib/api-types.ts";

export type MetricCheck = ApiOutputs["overview"]["get"]["totals"]["completionRate"];

/**
 * One figure of the period with its sample size and, when it means something, whether it meets
 * its target: a figure from too few calls says so instead of 達成 or 未達.
 */
export function MetricCard(props: {
  label: string;
  check: MetricCheck | null;
  /** A figure with no target (calls, total cost). */
  plain?: { value: string; sampleSize: number };
  format: (value: number) => string;
  minSampleSize: number;
  /** false: the figure measures something else than the target (legacy latency). */
  comparable?: boolean;
  testId: string;
}) {
  const { t } = useTranslation("overview");
  const { check, format } = props;
  const value = props.plain?.value ?? (check?.value == null ? null : format(check.value));
  const sampleSize = props.plain?.sampleSize ?? check?.sampleSize ?? 0;
  const comparable = props.comparable ?? true;
  return (
    <Card withBorder radius="md" padding="md" data-testid={props.testId}>
      <Text size="xs" c="dimmed">
        {props.label}
      </Text>
      <Text size="xl" fw={700}>
        {value ?? t("noData")}
      </Text>
      <Group gap={6} mt={4}>
        <Text size="xs" c="dimmed" data-testid="sample-size">
          {t("sampleSize", { count: sampleSize })}
        </Text>
        {check && value !== null && !check.enoughSamples && (
          <Badge size="xs" color="gray" variant="light">
            {t("tooFew", { min: props.minSampleSize })}
          </Badge>
        )}
        {check && comparable && check.met !== null && (
          <Badge size="xs" color={check.met ? "teal" : "red"} variant="light">
            {check.met ? t("met") : t("missed")}
          </Badge>
        )}
        {check && value !== null && !comparable && (
          <Badge size="xs" color="gray" variant="outline">
            {t("notComparable")}
          </Badge>
        )}
      </Group>
      {check && (
        <Text size="xs" c="dimmed">
          {t("target", { comparison: check.target.comparison, value: format(check.target.value) })}
        </Text>
      )}
    </Card>
  );
}
