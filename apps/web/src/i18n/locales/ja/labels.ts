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
  testCall: {
    label: "テスト",
    hint: "評価実行のテスト通話です (ロールアウトの指標とガードレールには含めません)",
  },
} as const;
