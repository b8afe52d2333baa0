import { SPEED_RANGE } from "@koe/shared";
import { Badge, Group, Input, Slider, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

const MARKS = [
  { value: 0.5, label: "0.5x" },
  { value: 0.75, label: "0.75x" },
  { value: 1, label: "1.0x" },
  { value: 1.25, label: "1.25x" },
  { value: 1.5, label: "1.5x" },
];

function pace(speed: number) {
  if (speed < 0.85) return { pace: "slow", color: "blue" } as const;
  if (speed <= 1.15) return { pace: "normal", color: "teal" } as const;
  return { pace: "fast", color: "orange" } as const;
}

/** Output speed within what the GA API accepts; the badge and colour follow the value. */
export function SpeedSlider(props: {
  value: number;
  onChange: (speed: number) => void;
  error?: React.ReactNode;
}) {
  const { t } = useTranslation("salesPitch");
  const current = pace(props.value);
  return (
    <Input.Wrapper
      label={t("realtime.fields.speed")}
      description={t("speed.description")}
      error={props.error}
    >
      <Group justify="space-between" mt={6} mb={4}>
        <Text size="sm" fw={600} data-testid="speed-value">
          {props.value.toFixed(2)}x
        </Text>
        <Badge color={current.color} variant="light">
          {t(`speed.pace.${current.pace}`)}
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
        thumbLabel={t("realtime.fields.speed")}
        data-testid="speed-slider"
      />
    </Input.Wrapper>
  );
}
