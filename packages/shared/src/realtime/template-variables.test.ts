import { describe, expect, it } from "vitest";
import { fillTemplate } from "./template-variables.ts";

describe("fillTemplate", () => {
  it("fills known variables, tolerating spaces inside the braces", () => {
    expect(
      fillTemplate("{{company_name}}の{{ agent_name }}です。", {
        company_name: "デモ株式会社",
        agent_name: "受付",
      }),
    ).toBe("デモ株式会社の受付です。");
  });

  it("leaves nothing of unknown or unfilled variables", () => {
    expect(fillTemplate("{{customer_name}}様 {{unknown}}", {})).toBe("様 ");
  });
});
