import { REALTIME_MODEL_SHUTDOWNS, REALTIME_MODELS, type RealtimeModel } from "@koe/shared";
import { Alert, Select, Stack } from "@mantine/core";
import { MODEL_DESCRIPTIONS } from "./field-labels.ts";

const OPTIONS = REALTIME_MODELS.map((model) => ({
  value: model,
  label: `${model}(${MODEL_DESCRIPTIONS[model] ?? ""})`,
}));

/** The current GA models; one with a published shutdown date is flagged before it is saved. */
export function ModelSelect(props: { value: RealtimeModel; onChange: (model: RealtimeModel) => void }) {
  const shutdown = (REALTIME_MODEL_SHUTDOWNS as Record<string, string | undefined>)[props.value];
  return (
    <Stack gap="xs">
      <Select
        label="モデル"
        description="GA の Realtime モデル(旧 gpt-4o-realtime 系は提供終了)"
        data={OPTIONS}
        value={props.value}
        allowDeselect={false}
        onChange={(value) => value && props.onChange(value as RealtimeModel)}
      />
      {shutdown && (
        <Alert color="orange" variant="light" title="提供終了予定のモデルです">
          このモデルは {shutdown}{" "}
          に提供が終了します。終了後の通話は失敗するため、別のモデルに切り替えてください。
        </Alert>
      )}
    </Stack>
  );
}
