/** Names of the api's enums, for badges, tables and filters. */
export const labels = {
  engine: {
    realtime: "Realtime API",
    legacy: "従来エンジン",
    // An outbound call has no engine until the customer answers (the bridge decides then).
    pending: "応答待ち",
  },
  status: {
    initiated: "発信準備中",
    ringing: "呼び出し中",
    active: "通話中",
    completed: "完了",
    busy: "話し中",
    no_answer: "応答なし",
    failed: "失敗",
    canceled: "キャンセル",
    interrupted: "中断",
  },
  direction: { inbound: "着信", outbound: "発信" },
  handoffBy: { ai: "AI の判断", operator: "オペレーター", fallback: "障害時の自動転送" },
  role: { admin: "管理者", operator: "オペレーター" },
  outcome: {
    booked: "予約",
    rescheduled: "予約変更",
    cancelled: "予約取消",
    info_provided: "案内済み",
    handed_off: "担当者へ転送",
    caller_dropped: "途中切断",
    voicemail: "留守番電話",
    other: "その他",
    none: "未分析",
  },
  sentiment: { positive: "好意的", neutral: "普通", negative: "否定的" },
  testCall: {
    label: "テスト",
    hint: "評価実行のテスト通話です (ロールアウトの指標とガードレールには含めません)",
  },
} as const;
