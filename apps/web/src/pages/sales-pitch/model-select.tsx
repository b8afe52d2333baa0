import { REALTIME_MODEL_SHUTDOWNS, REALTIME_MODELS, type RealtimeModel } from "@koe/shared";
import { Alert, Select, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/use-format.ts";

/** The current GA models; one with a published shutdown date is flagged before it is saved. */
export function ModelSelect(props: { value: RealtimeModel; onChange: (model: RealtimeModel) => void }) {
  const { t } = useTranslation("salesPitch");
  const format = useFormat();
  const options = REALTIME_MODELS.map((model) => ({
    value: model,
    label: t("model.option", { model, tier: t(`model.tier.${model}`) }),
  }));
  const shutdown = (REALTIME_MODEL_SHUTDOWNS as Record<string, string | undefined>)[props.value];
  return (
    <Stack gap="xs">
      <Select
        label={t("realtime.fields.model")}
        description={t("model.description")}
        data={options}
        value={props.value}
        allowDeselect={false}
        onChange={(value) => value && props.onChange(value as RealtimeModel)}
      />
      {shutdown && (
        <Alert color="orange" variant="light" title={t("model.shutdownTitle")}>
          {t("model.shutdownBody", { date: format.date(shutdown) })}
        </Alert>
      )}
    </Stack>
  );
}
