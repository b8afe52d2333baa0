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
import { TONE_OPTIONS } from "./field-labels.ts";
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
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="sm">
        <div>
          <Title order={4}>従来の会話設定</Title>
          <Text size="sm" c="dimmed">
            キーワード型エンジン(ConversationEngine)の設定です。Realtime API
            に切り替えた後もロールバック用に使われます。
          </Text>
        </div>
        <TextInput label="会社名" {...form.getInputProps("companyName")} />
        <Textarea label="挨拶" autosize minRows={2} {...form.getInputProps("greeting")} />
        <SimpleGrid cols={{ base: 1, xl: 2 }}>
          <Select label="話し方" data={TONE_OPTIONS} allowDeselect={false} {...form.getInputProps("tone")} />
          <NumberInput
            label="転送までの聞き返し回数"
            min={1}
            max={10}
            allowDecimal={false}
            {...form.getInputProps("maxMisunderstandings")}
          />
        </SimpleGrid>
        <Textarea
          label="聞き取れなかったときの応答"
          autosize
          minRows={2}
          {...form.getInputProps("fallbackMessage")}
        />
        <Textarea label="転送時の案内" autosize minRows={2} {...form.getInputProps("transferMessage")} />
        <Textarea label="終話の挨拶" autosize minRows={2} {...form.getInputProps("closingMessage")} />
        <Divider mt="xs" />
        <KeywordTemplatesEditor form={templatesForm} storedUnreadable={storedTemplatesUnreadable} />
      </Stack>
    </Card>
  );
}
