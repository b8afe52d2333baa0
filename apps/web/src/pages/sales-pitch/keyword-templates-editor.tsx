import { KEYWORD_TEMPLATE_LIMITS, type KeywordTemplate } from "@koe/shared";
import {
  Accordion,
  Alert,
  Badge,
  Button,
  Group,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useState } from "react";
import { TEMPLATE_ACTION_LABELS, TEMPLATE_ACTION_OPTIONS } from "./field-labels.ts";
import type { KeywordTemplatesForm } from "./settings-forms.ts";
import { templatesWithErrors } from "./template-errors.ts";

/**
 * The keyword templates as an accordion: one compact row per template (keyword, synonyms, action),
 * opened one at a time to edit it, so the list stays short in the narrow legacy column.
 */
export function KeywordTemplatesEditor({
  form,
  storedUnreadable,
}: {
  form: KeywordTemplatesForm;
  /** The stored templates did not validate: the list starts empty and saving replaces them. */
  storedUnreadable: boolean;
}) {
  const templates = form.values.keywordTemplates;
  const [opened, setOpened] = useState<string | null>(null);
  const invalid = templatesWithErrors(form.errors);

  const add = () => {
    form.insertListItem("keywordTemplates", { keyword: "", synonyms: [], response: "", action: "none" });
    setOpened(String(templates.length));
  };
  const remove = (index: number) => {
    form.removeListItem("keywordTemplates", index);
    setOpened(null);
  };

  return (
    <Stack gap="xs">
      <div>
        <Text size="sm" fw={500}>
          キーワードテンプレート({templates.length} 件)
        </Text>
        <Text size="xs" c="dimmed">
          お客様の言葉にキーワードか同義語が含まれると応答します。複数に当てはまるときは長い言葉が優先です。
        </Text>
      </div>
      {storedUnreadable && (
        <Alert color="orange" variant="light" p="xs">
          保存済みのキーワードテンプレートを読み取れなかったため、空の一覧から始めています。保存すると置き換わります。
        </Alert>
      )}
      {templates.length > 0 && (
        <Accordion variant="contained" keepMounted={false} value={opened} onChange={setOpened}>
          {templates.map((template, index) => (
            // Keyed by index: a template has no id, and its keyword changes as it is typed.
            <Accordion.Item key={index} value={String(index)}>
              <Accordion.Control>
                <TemplateSummary template={template} invalid={invalid.has(index)} />
              </Accordion.Control>
              <Accordion.Panel>
                <Stack gap="xs" role="group" aria-label={`テンプレート ${index + 1}`}>
                  <TextInput
                    label="キーワード"
                    {...form.getInputProps(`keywordTemplates.${index}.keyword`)}
                  />
                  <TagsInput
                    label="同義語"
                    description="Enter か「、」で区切って追加"
                    splitChars={[",", "、"]}
                    maxTags={KEYWORD_TEMPLATE_LIMITS.synonyms}
                    {...form.getInputProps(`keywordTemplates.${index}.synonyms`)}
                  />
                  <Textarea
                    label="応答"
                    autosize
                    minRows={2}
                    {...form.getInputProps(`keywordTemplates.${index}.response`)}
                  />
                  <Select
                    label="動作"
                    data={TEMPLATE_ACTION_OPTIONS}
                    allowDeselect={false}
                    {...form.getInputProps(`keywordTemplates.${index}.action`)}
                  />
                  <Group justify="flex-end">
                    <Button variant="subtle" color="red" size="xs" onClick={() => remove(index)}>
                      このテンプレートを削除
                    </Button>
                  </Group>
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
      {form.errors.keywordTemplates && (
        <Text size="xs" c="red">
          {form.errors.keywordTemplates}
        </Text>
      )}
      <Button
        variant="light"
        size="xs"
        onClick={add}
        disabled={templates.length >= KEYWORD_TEMPLATE_LIMITS.templates}
      >
        テンプレートを追加
      </Button>
    </Stack>
  );
}

function TemplateSummary({ template, invalid }: { template: KeywordTemplate; invalid: boolean }) {
  return (
    <Group gap="xs" wrap="nowrap" justify="space-between">
      <div style={{ minWidth: 0 }}>
        <Text size="sm" fw={600} truncate c={template.keyword ? undefined : "dimmed"}>
          {template.keyword || "(キーワード未入力)"}
        </Text>
        {template.synonyms.length > 0 && (
          <Text size="xs" c="dimmed" truncate>
            {template.synonyms.join("・")}
          </Text>
        )}
      </div>
      {invalid ? (
        <Badge size="xs" color="red" variant="filled" style={{ flexShrink: 0 }}>
          要修正
        </Badge>
      ) : (
        <Badge
          size="xs"
          variant="light"
          color={template.action === "none" ? "gray" : "orange"}
          style={{ flexShrink: 0 }}
        >
          {TEMPLATE_ACTION_LABELS[template.action]}
        </Badge>
      )}
    </Group>
  );
}
