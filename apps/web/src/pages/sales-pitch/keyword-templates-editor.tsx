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
import { useTranslation } from "react-i18next";
import { TEMPLATE_ACTIONS } from "./field-labels.ts";
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
  const { t } = useTranslation("salesPitch");
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
          {t("templates.title", { templates: templates.length })}
        </Text>
        <Text size="xs" c="dimmed">
          {t("templates.hint")}
        </Text>
      </div>
      {storedUnreadable && (
        <Alert color="orange" variant="light" p="xs">
          {t("templates.storedUnreadable")}
        </Alert>
      )}
      {templates.length > 0 && (
        <Accordion
          variant="contained"
          keepMounted={false}
          // No open/close animation: a click in a panel still opening was lost (削除 pressed just
          // after opening a template did nothing, about one time in twenty in the browser tests).
          transitionDuration={0}
          value={opened}
          onChange={setOpened}
        >
          {templates.map((template, index) => (
            // Keyed by index: a template has no id, and its keyword changes as it is typed.
            <Accordion.Item key={index} value={String(index)}>
              <Accordion.Control>
                <TemplateSummary template={template} invalid={invalid.has(index)} />
              </Accordion.Control>
              <Accordion.Panel>
                <Stack gap="xs" role="group" aria-label={t("templates.template", { number: index + 1 })}>
                  <TextInput
                    label={t("templates.fields.keyword")}
                    {...form.getInputProps(`keywordTemplates.${index}.keyword`)}
                  />
                  <TagsInput
                    label={t("templates.fields.synonyms")}
                    description={t("templates.synonymsDescription")}
                    splitChars={[",", "、"]}
                    maxTags={KEYWORD_TEMPLATE_LIMITS.synonyms}
                    {...form.getInputProps(`keywordTemplates.${index}.synonyms`)}
                  />
                  <Textarea
                    label={t("templates.fields.response")}
                    autosize
                    minRows={2}
                    {...form.getInputProps(`keywordTemplates.${index}.response`)}
                  />
                  <Select
                    label={t("templates.fields.action")}
                    data={TEMPLATE_ACTIONS.map((action) => ({
                      value: action,
                      label: t(`templates.action.${action}`),
                    }))}
                    allowDeselect={false}
                    {...form.getInputProps(`keywordTemplates.${index}.action`)}
                  />
                  <Group justify="flex-end">
                    <Button variant="subtle" color="red" size="xs" onClick={() => remove(index)}>
                      {t("templates.remove")}
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
        {t("templates.add")}
      </Button>
    </Stack>
  );
}

function TemplateSummary({ template, invalid }: { template: KeywordTemplate; invalid: boolean }) {
  const { t } = useTranslation("salesPitch");
  return (
    <Group gap="xs" wrap="nowrap" justify="space-between">
      <div style={{ minWidth: 0 }}>
        <Text size="sm" fw={600} truncate c={template.keyword ? undefined : "dimmed"}>
          {template.keyword || t("templates.noKeyword")}
        </Text>
        {template.synonyms.length > 0 && (
          <Text size="xs" c="dimmed" truncate>
            {template.synonyms.join("・")}
          </Text>
        )}
      </div>
      {invalid ? (
        <Badge size="xs" color="red" variant="filled" style={{ flexShrink: 0 }}>
          {t("templates.needsFix")}
        </Badge>
      ) : (
        <Badge
          size="xs"
          variant="light"
          color={template.action === "none" ? "gray" : "orange"}
          style={{ flexShrink: 0 }}
        >
          {t(`templates.action.${template.action}`)}
        </Badge>
      )}
    </Group>
  );
}
