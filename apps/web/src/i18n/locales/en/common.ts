import type { Translation } from "../../translation.ts";
import type { common as source } from "../ja/common.ts";

export const common: Translation<typeof source> = {
  documentTitle: "Koe Admin",
  language: "Language",
  cancel: "Cancel",
  money: "{{yen}} ({{usd}})",
  unknownAgent: "Unknown agent",
};
