import type { Translation } from "../../translation.ts";
import type { validation as source } from "../ja/validation.ts";

export const validation: Translation<typeof source> = {
  required: "{{field}} is required",
  minLength: "{{field}} must be at least {{min}} characters",
  min: "{{field}} must be at least {{min}}",
  maxLength: "{{field}} must be at most {{max}} characters",
  maxItems: "{{field}} can have at most {{max}} entries",
  max: "{{field}} must be at most {{max}}",
  invalidType: "{{field}} has an invalid format",
  invalidValue: "{{field}}: choose a value from the list",
  other: "{{field}}: check the value",
  duplicateWord: '"{{word}}" is already a word of template {{template}}',
  unmatchableWord: "{{field}} needs a letter or digit (symbols and spaces alone never match)",
  emptyPromptWhileEnabled:
    "The system prompt cannot be empty while the Realtime API is on: calls would have no instructions",
  unknownVariables:
    "Unknown variables: {{names}} (only the variables listed on the right can be used; on a call they would be left blank)",
  thisField: "This field",
};
