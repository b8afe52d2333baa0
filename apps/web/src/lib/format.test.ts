import { describe, expect, it } from "vitest";
import { formatDuration } from "./format.ts";

describe("formatDuration", () => {
  it("shows minutes and seconds, and hours only when there are some", () => {
    expect(formatDuration(0)).toBe("0:00");
    expect(formatDuration(83.9)).toBe("1:23");
    expect(formatDuration(3723)).toBe("1:02:03");
    expect(formatDuration(-5)).toBe("0:00");
  });
});
