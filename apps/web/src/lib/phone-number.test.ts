import { describe, expect, it } from "vitest";
import { formatPhoneNumber } from "./phone-number.ts";

describe("formatPhoneNumber", () => {
  it("writes Japanese numbers as the Japanese do, foreign ones internationally", () => {
    expect(formatPhoneNumber("+819011112222")).toBe("090-1111-2222");
    expect(formatPhoneNumber("+81312345678")).toBe("03-1234-5678");
    expect(formatPhoneNumber("+14155550100")).toBe("+1 415 555 0100");
  });

  it("leaves what is no phone number as it is", () => {
    expect(formatPhoneNumber("anonymous")).toBe("anonymous");
  });
});
