import { SPEED_RANGE } from "@koe/shared";
import { Badge, Group, Input, Slider, Text } from "@mantine/core";

const MARKS = [
  { value: 0.5, label: "0.5x" },
  { value: 0.75, label: "0.75x" },
  { value: 1, label: "1.0x" },
  { value: 1.25, label: "1.25x" },
  { value: 1.5, label: "1.5x" },
];

function pace(speed: number): { label: string; color: string } {
  if (speed < 0.85) return { label: "ゆっくり", color: "blue" };
  if (speed <= 1.15) return { label: "標準", color: "teal" };
  return { label: "速め", color: "orange" };
}

/** Output speed within what the GA API accepts; the badge and colour follow the value. */
export function SpeedSlider(props: {
  value: number;
  onChange: (speed: number) => void;
  error?: React.ReactNode;
}) {
  const current = pace(props.value);
  return (
    <Input.Wrapper
      label="話速"
      description="GA の Realtime API が受け付ける上限が 1.5 倍のため、仕様書の 2.0 倍ではなく 0.5〜1.5 倍から選べます"
      error={props.error}
    >
      <Group justify="space-between" mt={6} mb={4}>
        <Text size="sm" fw={600} data-testid="speed-value">
          {props.value.toFixed(2)}x
        </Text>
        <Badge color={current.color} variant="light">
          {current.label}
        </Badge>
      </Group>
      <Slider
        min={SPEED_RANGE.min}
        max={SPEED_RANGE.max}
        step={SPEED_RANGE.step}
        value={props.value}
        onChange={props.onChange}
        color={current.color}
        marks={MARKS}
        label={(v) => `${v.toFixed(2)}x`}
        mb="lg"
        thumbLabel="話速"
        data-testid="speed-slider"
      />
    </Input.Wrapper>
  );
}
