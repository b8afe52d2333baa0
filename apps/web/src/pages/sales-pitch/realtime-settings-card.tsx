import type { TemplateVariable } from "@koe/shared";
import {
  ActionIcon,
  Button,
  Card,
  Collapse,
  Divider,
  Group,
  Stack,
  Switch,
  Text,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ModelSelect } from "./model-select.tsx";
import { PromptEditor } from "./prompt-editor.tsx";
import type { RealtimeForm } from "./settings-forms.ts";
import { SpeedSlider } from "./speed-slider.tsx";
import { TemperatureField } from "./temperature-field.tsx";
import { TurnTakingSettings } from "./turn-taking-settings.tsx";
import { VoiceSelect } from "./voice-select.tsx";

/** The collapsible 「Realtime API設定」 card: the seven parts of the product spec, in its order. */
export function RealtimeSettingsCard(props: {
  form: RealtimeForm;
  sampleValues: Record<TemplateVariable, string>;
  onGenerateFromLegacy: () => void;
}) {
  const { t } = useTranslation("salesPitch");
  const { form } = props;
  const values = form.values;
  const [opened, setOpened] = useState(true);
  return (
    <Card withBorder radius="md" padding="lg">
      <Group justify="space-between">
        <div>
          <Title order={4}>{t("realtime.title")}</Title>
          <Text size="sm" c="dimmed">
            {t("realtime.description")}
          </Text>
        </div>
        <ActionIcon
          variant="subtle"
          size="lg"
          onClick={() => setOpened((o) => !o)}
          aria-label={opened ? t("realtime.close") : t("realtime.open")}
          aria-expanded={opened}
        >
          {opened ? "▲" : "▼"}
        </ActionIcon>
      </Group>
      <Collapse expanded={opened}>
        <Stack gap="lg" mt="md">
          <Switch
            size="md"
            label={t("realtime.fields.enabled")}
            description={t("realtime.enabledDescription")}
            {...form.getInputProps("enabled", { type: "checkbox" })}
          />
          <Divider />
          <Group grow align="flex-start">
            <VoiceSelect
              value={values.voice}
              onChange={(voice) => form.setFieldValue("voice", voice)}
              error={form.errors.voice}
            />
            <ModelSelect value={values.model} onChange={(model) => form.setFieldValue("model", model)} />
          </Group>
          <Group grow align="flex-start">
            <SpeedSlider
              value={values.speed}
              onChange={(speed) => form.setFieldValue("speed", speed)}
              error={form.errors.speed}
            />
            <TemperatureField
              model={values.model}
              reasoningEffort={values.reasoningEffort}
              onReasoningEffortChange={(effort) => form.setFieldValue("reasoningEffort", effort)}
            />
          </Group>
          <TurnTakingSettings form={form} />
          <Divider />
          <Group justify="space-between">
            <div>
              <Text fw={600}>{t("realtime.fields.instructions")}</Text>
              <Text size="xs" c="dimmed">
                {t("realtime.promptDescription")}
              </Text>
            </div>
            <Button variant="light" onClick={props.onGenerateFromLegacy}>
              {t("realtime.generate")}
            </Button>
          </Group>
          <PromptEditor
            value={values.instructions}
            onChange={(text) => form.setFieldValue("instructions", text)}
            error={form.errors.instructions}
            sampleValues={props.sampleValues}
          />
        </Stack>
      </Collapse>
    </Card>
  );
}
