import { isReasoningModel, REASONING_EFFORTS, type RealtimeModel } from "@koe/shared";
import { Input, SegmentedControl, Slider, Stack, Text, Tooltip } from "@mantine/core";
import { REASONING_EFFORT_LABELS } from "./field-labels.ts";

const NO_TEMPERATURE =
  "GA 版の Realtime API のセッションには temperature がありません。設定しても効果がないため、Koe では保存しません。";
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
  return (
    <Stack gap="md">
      <Input.Wrapper label="Temperature(0.0〜1.0)" description={NO_TEMPERATURE}>
        <Tooltip label={NO_TEMPERATURE} multiline w={300}>
          <div data-testid="temperature-slider">
            <Slider disabled min={0} max={1} step={0.1} value={0.8} mt="xs" mb="xs" />
          </div>
        </Tooltip>
      </Input.Wrapper>
      {isReasoningModel(props.model) && (
        <Input.Wrapper
          label="推論の深さ(reasoning effort)"
          description="深いほど複雑な質問に強くなりますが、応答までの時間が延びます。電話では「最小」か「低」がおすすめです"
        >
          <SegmentedControl
            mt="xs"
            fullWidth
            value={props.reasoningEffort ?? DEFAULT_EFFORT}
            onChange={(value) =>
              props.onReasoningEffortChange(
                value === DEFAULT_EFFORT ? null : (value as (typeof REASONING_EFFORTS)[number]),
              )
            }
            data={[
              { value: DEFAULT_EFFORT, label: "モデル既定" },
              ...REASONING_EFFORTS.map((effort) => ({
                value: effort,
                label: REASONING_EFFORT_LABELS[effort] ?? effort,
              })),
            ]}
          />
        </Input.Wrapper>
      )}
      {!isReasoningModel(props.model) && (
        <Text size="xs" c="dimmed">
          このモデルは推論モデルではないため、推論の深さは設定できません。
        </Text>
      )}
    </Stack>
  );
}
