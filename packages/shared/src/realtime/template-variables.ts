/** Variables an agent's instructions may use, with what each is filled with at call time. */
export const TEMPLATE_VARIABLES = {
  company_name: "会社名",
  customer_name: "お客様のお名前(わかる場合)",
  agent_name: "エージェント名",
  today: "今日の日付",
} as const;
export type TemplateVariable = keyof typeof TEMPLATE_VARIABLES;

const VARIABLE_PATTERN = /\{\{\s*([a-z_]+)\s*\}\}/g;

/** Fills `{{variable}}` placeholders; unknown or missing ones become an empty string. */
export function fillTemplate(template: string, values: Partial<Record<TemplateVariable, string>>): string {
  return template.replace(VARIABLE_PATTERN, (_match, name: string) =>
    name in TEMPLATE_VARIABLES ? (values[name as TemplateVariable] ?? "") : "",
  );
}
