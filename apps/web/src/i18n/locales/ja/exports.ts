/** The download buttons: the history as CSV, one call's transcript as text. */
export const exports = {
  historyCsv: "CSVエクスポート",
  historyCsvHint: "いまの絞り込み条件の通話をすべて CSV(Excel で開けます)でダウンロードします",
  transcript: "文字起こしをダウンロード",
} as const;
