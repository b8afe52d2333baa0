import { isReasoningModel, REASONING_EFFORTS, type RealtimeModel } from "@koe/shared";
import { Input, SegmentedControl, Slider, Stack, Text, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";

const DEFAULT_EFFORT = "default";

/**
 * The spec's temperature slider, shown disabled with the reason; for reasoning models the setting
 * that does exist, reasoning effort, is offered instead.
 */
export function TemperatureField(props: {
  model: RealtimeModel;
  reasoningEffort: string | null;
  onReasoningEffortChange: (effort: (typeof REASONING_EFFORTS)[number] | null) => void;
}) {
  const { t } = useTranslation("salesPitch");
  return (
    <Stack gap="md">
      <Input.Wrapper label={t("temperature.label")} description={t("temperature.unavailable")}>
        <Tooltip label={t("temperature.unavailable")} multiline w={300}>
          <div data-testid="temperature-slider">
            <Slider disabled min={0} max={1} step={0.1} value={0.8} mt="xs" mb="xs" />
          </div>
        </Tooltip>
      </Input.Wrapper>
      {isReasoningModel(props.model) && (
        <Input.Wrapper label={t("temperature.effortLabel")} description={t("temperature.effortDescription")}>
          <SegmentedControl
            mt="xs"
            size="xs"
            fullWidth
            value={props.reasoningEffort ?? DEFAULT_EFFORT}
            onChange={(value) =>
              props.onReasoningEffortChange(
                value === DEFAULT_EFFORT ? null : (value as (typeof REASONING_EFFORTS)[number]),
              )
            }
            data={[
              { value: DEFAULT_EFFORT, label: t("temperature.modelDefault") },
              ...REASONING_EFFORTS.map((effort) => ({
                value: effort,
                label: t(`temperature.effort.${effort}`),
              })),
            ]}
          />
        </Input.Wrapper>
      )}
      {!isReasoningModel(props.model) && (
        <Text size="xs" c="dimmed">
          {t("temperature.notReasoning")}
        </Text>
      )}
    </Stack>
  );
}
