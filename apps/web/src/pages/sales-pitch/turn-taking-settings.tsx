import { realtimeSettingsSchema, type TurnDetection } from "@koe/shared";
import {
  Button,
  Collapse,
  Group,
  SegmentedControl,
  Select,
  Slider,
  Stack,
  Text,
  UnstyledButton,
} from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { SettingNumberInput } from "../../components/setting-number-input.tsx";
import type { RealtimeForm } from "./settings-forms.ts";

/** The phone-call defaults: what a new agent starts with, and what 「既定値に戻す」 restores. */
const DEFAULTS = realtimeSettingsSchema.parse({});
const SERVER_DEFAULT = DEFAULTS.turnDetection;
const SEMANTIC_DEFAULT: TurnDetection = { type: "semantic_vad", eagerness: "auto" };
const EAGERNESS = ["low", "medium", "high", "auto"] as const;
const NOISE = ["far_field", "near_field", "off"] as const;

/**
 * 「詳細設定」 of the Realtime card: when the agent decides the caller has finished (turn detection)
 * and how it filters line noise, each explained by what the caller experiences, with a reset.
 */
export function TurnTakingSettings({ form }: { form: RealtimeForm }) {
  const { t } = useTranslation("salesPitch");
  const [opened, setOpened] = useState(false);
  const td = form.values.turnDetection;
  const setTd = (next: TurnDetection) => form.setFieldValue("turnDetection", next);
  return (
    <div>
      <UnstyledButton onClick={() => setOpened((o) => !o)} aria-expanded={opened}>
        <Text fw={600}>
          {opened ? "▼" : "▶"} {t("advanced.title")}
        </Text>
      </UnstyledButton>
      <Text size="xs" c="dimmed">
        {t("advanced.description")}
      </Text>
      <Collapse expanded={opened}>
        <Stack gap="md" mt="sm" data-testid="advanced-settings">
          <div>
            <Text size="sm" fw={500}>
              {t("advanced.mode.label")}
            </Text>
            <SegmentedControl
              value={td.type}
              onChange={(type) => setTd(type === "semantic_vad" ? SEMANTIC_DEFAULT : SERVER_DEFAULT)}
              data={[
                { value: "server_vad", label: t("advanced.mode.server_vad") },
                { value: "semantic_vad", label: t("advanced.mode.semantic_vad") },
              ]}
            />
            <Text size="xs" c="dimmed" mt={4}>
              {t(`advanced.mode.${td.type}Description`)}
            </Text>
          </div>
          {td.type === "server_vad" ? (
            <>
              <div>
                <Text size="sm" fw={500}>
                  {t("advanced.threshold.label")}
                </Text>
                <Text size="xs" c="dimmed">
                  {t("advanced.threshold.description")}
                </Text>
                <Slider
                  aria-label={t("advanced.threshold.label")}
                  min={0}
                  max={1}
                  step={0.05}
                  value={td.threshold}
                  onChange={(threshold) => setTd({ ...td, threshold })}
                  mt="xs"
                />
              </div>
              <SettingNumberInput
                label={t("advanced.silence.label")}
                description={t("advanced.silence.description")}
                min={100}
                max={5000}
                step={100}
                suffix=" ms"
                value={td.silenceDurationMs}
                onChange={(v) => setTd({ ...td, silenceDurationMs: Number(v) })}
                error={form.errors["turnDetection.silenceDurationMs"]}
              />
              <SettingNumberInput
                label={t("advanced.prefix.label")}
                description={t("advanced.prefix.description")}
                min={0}
                max={2000}
                step={50}
                suffix=" ms"
                value={td.prefixPaddingMs}
                onChange={(v) => setTd({ ...td, prefixPaddingMs: Number(v) })}
                error={form.errors["turnDetection.prefixPaddingMs"]}
              />
            </>
          ) : (
            <Select
              label={t("advanced.eagerness.label")}
              description={t("advanced.eagerness.description")}
              data={EAGERNESS.map((value) => ({ value, label: t(`advanced.eagerness.${value}`) }))}
              value={td.eagerness}
              onChange={(eagerness) =>
                eagerness &&
                setTd({ type: "semantic_vad", eagerness: eagerness as (typeof EAGERNESS)[number] })
              }
              allowDeselect={false}
            />
          )}
          <div>
            <Text size="sm" fw={500}>
              {t("advanced.noise.label")}
            </Text>
            <SegmentedControl
              value={form.values.noiseReduction ?? "off"}
              onChange={(value) =>
                form.setFieldValue(
                  "noiseReduction",
                  value === "near_field" || value === "far_field" ? value : null,
                )
              }
              data={NOISE.map((value) => ({ value, label: t(`advanced.noise.${value}`) }))}
            />
            <Text size="xs" c="dimmed" mt={4}>
              {t("advanced.noise.description")}
            </Text>
          </div>
          <Group>
            <Button
              variant="default"
              size="xs"
              onClick={() => {
                form.setFieldValue("turnDetection", DEFAULTS.turnDetection);
                form.setFieldValue("noiseReduction", DEFAULTS.noiseReduction);
              }}
            >
              {t("advanced.reset")}
            </Button>
          </Group>
        </Stack>
      </Collapse>
    </div>
  );
}
