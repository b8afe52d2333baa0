import type { Translation } from "../../translation.ts";
import type { exports as ja } from "../ja/exports.ts";

export const exports: Translation<typeof ja> = {
  historyCsv: "Export CSV",
  historyCsvHint: "Downloads every call matching the current filters as CSV (opens in Excel)",
  transcript: "Download transcript",
};
