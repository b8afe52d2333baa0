/** /search: what callers and the agent said, across the company's calls. */
export const search = {
  title: "文字起こし検索",
  description: "すべての通話の発話から言葉を探します(2 文字以上)",
  placeholder: "例: 予約、解約",
  submit: "検索",
  tooShort: "2 文字以上で検索してください",
  empty: "「{{query}}」を含む発話は見つかりませんでした",
  more: "さらに表示",
  speaker: { caller: "お客様", agent: "エージェント" },
  open: "通話を開く",
} as const;
