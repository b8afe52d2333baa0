import { fillTemplate, TEMPLATE_VARIABLES, type TemplateVariable } from "@koe/shared";
import {
  Badge,
  Grid,
  Group,
  Paper,
  ScrollArea,
  SegmentedControl,
  Stack,
  Tabs,
  Text,
  Textarea,
  Tooltip,
} from "@mantine/core";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/use-format.ts";

const VARIABLES = Object.keys(TEMPLATE_VARIABLES) as TemplateVariable[];
const MAX_LENGTH = 20_000;

/**
 * The system prompt: a large editor, the template variables (a click inserts one at the cursor)
 * and the prompt as the model will read it, with sample values filled in: for a caller the
 * customer list knows, or for an unknown one, where the caller's name gets its fallback.
 */
export function PromptEditor(props: {
  value: string;
  onChange: (value: string) => void;
  error?: React.ReactNode;
  sampleValues: Record<TemplateVariable, string>;
}) {
  const { t } = useTranslation("salesPitch");
  const format = useFormat();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [caller, setCaller] = useState<"known" | "unknown">("known");
  const previewValues =
    caller === "known" ? props.sampleValues : { ...props.sampleValues, customer_name: "" };

  const insert = (name: TemplateVariable) => {
    const placeholder = `{{${name}}}`;
    const element = textarea.current;
    const start = element?.selectionStart ?? props.value.length;
    const end = element?.selectionEnd ?? props.value.length;
    props.onChange(props.value.slice(0, start) + placeholder + props.value.slice(end));
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + placeholder.length, start + placeholder.length);
    });
  };

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, xl: 8 }}>
        <Tabs defaultValue="edit" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="edit">{t("prompt.edit")}</Tabs.Tab>
            <Tabs.Tab value="preview">{t("prompt.preview")}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="edit" pt="xs">
            <Textarea
              ref={textarea}
              aria-label={t("realtime.fields.instructions")}
              value={props.value}
              onChange={(event) => props.onChange(event.currentTarget.value)}
              error={props.error}
              autosize
              minRows={14}
              maxRows={28}
              placeholder={t("prompt.placeholder", { example: "{{company_name}}" })}
              styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)", fontSize: 13 } }}
              data-testid="prompt-editor"
            />
            <Text size="xs" c="dimmed" ta="right" mt={4}>
              {t("prompt.length", {
                length: format.count(props.value.length),
                max: format.count(MAX_LENGTH),
              })}
            </Text>
          </Tabs.Panel>
          <Tabs.Panel value="preview" pt="xs">
            <Group gap="sm" mb="xs">
              <SegmentedControl
                size="xs"
                value={caller}
                onChange={(value) => setCaller(value === "unknown" ? "unknown" : "known")}
                data={[
                  { value: "known", label: t("prompt.knownCaller") },
                  { value: "unknown", label: t("prompt.unknownCaller") },
                ]}
              />
              {caller === "unknown" && (
                <Text size="xs" c="dimmed">
                  {t("prompt.unknownCallerHint", { variable: "{{customer_name}}" })}
                </Text>
              )}
            </Group>
            <Paper withBorder p="sm" bg="gray.0">
              <ScrollArea.Autosize mah={520}>
                <Text size="sm" style={{ whiteSpace: "pre-wrap" }} data-testid="prompt-preview">
                  {fillTemplate(props.value, previewValues) || t("prompt.empty")}
                </Text>
              </ScrollArea.Autosize>
            </Paper>
          </Tabs.Panel>
        </Tabs>
      </Grid.Col>
      <Grid.Col span={{ base: 12, xl: 4 }}>
        <Stack gap="xs">
          <Text size="sm" fw={600}>
            {t("prompt.variables")}
          </Text>
          <Text size="xs" c="dimmed">
            {t("prompt.variablesHint")}
          </Text>
          {VARIABLES.map((name) => (
            <Group key={name} gap="xs" wrap="nowrap" align="flex-start">
              <Tooltip label={t("prompt.sample", { value: props.sampleValues[name] })}>
                <Badge
                  variant="light"
                  tt="none"
                  style={{ cursor: "pointer", flexShrink: 0 }}
                  onClick={() => insert(name)}
                  component="button"
                  type="button"
                >
                  {`{{${name}}}`}
                </Badge>
              </Tooltip>
              <Text size="xs">{t(`prompt.variable.${name}`)}</Text>
            </Group>
          ))}
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
