import type { FormErrors } from "@mantine/form";

/** The indexes of the templates with an error on any of their fields, to mark them when collapsed. */
export function templatesWithErrors(errors: FormErrors): Set<number> {
  const indexes = new Set<number>();
  for (const [path, error] of Object.entries(errors)) {
    const index = /^keywordTemplates\.(\d+)\./.exec(path)?.[1];
    if (index !== undefined && error) indexes.add(Number(index));
  }
  return indexes;
}
