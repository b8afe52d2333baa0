/** Words shared by every page: the app's name, the language switch, common buttons. */
export const common = {
  documentTitle: "Koe 管理画面",
  language: "表示言語",
  cancel: "キャンセル",
  money: "{{yen}}（{{usd}}）",
  unknownAgent: "エージェント不明",
} as const;
