/** Variables an agent's instructions may use, with what each is filled with at call time. */
export const TEMPLATE_VARIABLES = {
  company_name: "会社名",
  customer_name: "お客様のお名前(わかる場合)",
  agent_name: "エージェント名",
  today: "今日の日付",
} as const;
export type TemplateVariable = keyof typeof TEMPLATE_VARIABLES;

/**
 * What a known variable becomes when its value is unknown at call time (an unknown caller has no
 * name): 「{{customer_name}}様」 then reads 「お客様」, never a bare 「様」.
 */
export const TEMPLATE_VARIABLE_FALLBACKS: Record<TemplateVariable, string> = {
  company_name: "",
  customer_name: "お客",
  agent_name: "",
  today: "",
};

// Anything between double braces, so that a misspelt `{{Company}}` is caught as unknown too.
const VARIABLE_PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;

function isTemplateVariable(name: string): name is TemplateVariable {
  return Object.hasOwn(TEMPLATE_VARIABLES, name);
}

/**
 * Fills `{{variable}}` placeholders; a known one without a value gets its fallback, an unknown one
 * (which saving refuses) becomes an empty string.
 */
export function fillTemplate(template: string, values: Partial<Record<TemplateVariable, string>>): string {
  return template.replace(VARIABLE_PATTERN, (_match, name: string) =>
    isTemplateVariable(name) ? values[name] || TEMPLATE_VARIABLE_FALLBACKS[name] : "",
  );
}

/** The placeholders of `template` that are no template variable, each once, in order of appearance. */
export function unknownTemplateVariables(template: string): string[] {
  const names = [...template.matchAll(VARIABLE_PATTERN)].map((match) => match[1] ?? "");
  return [...new Set(names.filter((name) => !isTemplateVariable(name)))];
}
