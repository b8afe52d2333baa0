import {
  Card,
  Divider,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useTranslation } from "react-i18next";
import { TONES } from "./field-labels.ts";
import { KeywordTemplatesEditor } from "./keyword-templates-editor.tsx";
import type { ConversationForm, KeywordTemplatesForm } from "./settings-forms.ts";

/** The legacy ConversationEngine's settings, still editable while both engines run. */
export function LegacySettingsCard({
  form,
  templatesForm,
  storedTemplatesUnreadable,
}: {
  form: ConversationForm;
  templatesForm: KeywordTemplatesForm;
  storedTemplatesUnreadable: boolean;
}) {
  const { t } = useTranslation("salesPitch");
  const label = (field: keyof ConversationForm["values"]) => t(`legacy.fields.${field}`);
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="sm">
        <div>
          <Title order={4}>{t("legacy.title")}</Title>
          <Text size="sm" c="dimmed">
            {t("legacy.description")}
          </Text>
        </div>
        <TextInput label={label("companyName")} {...form.getInputProps("companyName")} />
        <Textarea label={label("greeting")} autosize minRows={2} {...form.getInputProps("greeting")} />
        <SimpleGrid cols={{ base: 1, xl: 2 }}>
          <Select
            label={label("tone")}
            data={TONES.map((tone) => ({ value: tone, label: t(`legacy.tone.${tone}`) }))}
            allowDeselect={false}
            {...form.getInputProps("tone")}
          />
          <NumberInput
            label={label("maxMisunderstandings")}
            min={1}
            max={10}
            allowDecimal={false}
            {...form.getInputProps("maxMisunderstandings")}
          />
        </SimpleGrid>
        <Textarea
          label={label("fallbackMessage")}
          autosize
          minRows={2}
          {...form.getInputProps("fallbackMessage")}
        />
        <Textarea
          label={label("transferMessage")}
          autosize
          minRows={2}
          {...form.getInputProps("transferMessage")}
        />
        <Textarea
          label={label("closingMessage")}
          autosize
          minRows={2}
          {...form.getInputProps("closingMessage")}
        />
        <Divider mt="xs" />
        <KeywordTemplatesEditor form={templatesForm} storedUnreadable={storedTemplatesUnreadable} />
      </Stack>
    </Card>
  );
}
