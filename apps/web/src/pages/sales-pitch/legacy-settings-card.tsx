import type { KeywordTemplate } from "@koe/shared";
import {
  Badge,
  Card,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { TONE_OPTIONS } from "./field-labels.ts";
import type { ConversationForm } from "./settings-forms.ts";

const ACTION_LABELS: Record<KeywordTemplate["action"], string> = {
  none: "応答のみ",
  transfer: "転送",
  end_call: "終話",
};

/** The legacy ConversationEngine's settings, still editable while both engines run. */
export function LegacySettingsCard({
  form,
  templates,
}: {
  form: ConversationForm;
  templates: KeywordTemplate[];
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
        <Text size="sm" fw={500} mt="xs">
          キーワードテンプレート({templates.length} 件)
        </Text>
        <Table striped withTableBorder fz="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>キーワードと応答</Table.Th>
              <Table.Th>動作</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {templates.map((template) => (
              <Table.Tr key={template.keyword}>
                <Table.Td>
                  <Text size="xs" fw={600}>
                    {[template.keyword, ...template.synonyms].join("・")}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {template.response}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge size="xs" variant="light" color={template.action === "none" ? "gray" : "orange"}>
                    {ACTION_LABELS[template.action]}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}
