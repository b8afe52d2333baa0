import { describe, expect, it } from "vitest";
import { fillTemplate, unknownTemplateVariables } from "./template-variables.ts";

describe("fillTemplate", () => {
  it("fills known variables, tolerating spaces inside the braces", () => {
    expect(
      fillTemplate("{{company_name}}の{{ agent_name }}です。", {
        company_name: "デモ株式会社",
        agent_name: "受付",
      }),
    ).toBe("デモ株式会社の受付です。");
  });

  it("gives an unknown caller's name its fallback and leaves nothing of unknown variables", () => {
    expect(fillTemplate("{{customer_name}}様 {{unknown}}", {})).toBe("お客様 ");
    expect(fillTemplate("{{customer_name}}様", { customer_name: "" })).toBe("お客様");
  });
});

describe("unknownTemplateVariables", () => {
  it("names each placeholder that is no variable once, misspellings included", () => {
    expect(
      unknownTemplateVariables("{{company}} {{company_name}} {{ unknown_var }} {{Company_Name}} {{company}}"),
    ).toEqual(["company", "unknown_var", "Company_Name"]);
    expect(unknownTemplateVariables("{{company_name}}の{{customer_name}}様")).toEqual([]);
  });
});
