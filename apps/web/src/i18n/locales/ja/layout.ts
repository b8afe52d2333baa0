/** The app shell: the side navigation and the page shown when the api does not answer. */
export const layout = {
  nav: {
    overview: { label: "概要", description: "件数・結果・応答時間・費用の推移" },
    monitor: { label: "ライブモニター", description: "進行中の通話" },
    calls: { label: "通話履歴", description: "過去の通話と品質" },
    search: { label: "文字起こし検索", description: "通話の発話から探す" },
    salesPitch: { label: "セールスピッチ設定", description: "エージェントの会話設定" },
    rollout: { label: "ロールアウト", description: "エンジン切り替えと指標" },
    evals: { label: "評価", description: "テストシナリオと評価実行" },
  },
  notificationSound: {
    on: { label: "通知音 オン", hint: "AI が転送を求めると通知音が鳴ります。クリックで消音します。" },
    off: { label: "通知音 オフ", hint: "通知音は消音中です。クリックで鳴るようにします。" },
    blocked: {
      label: "通知音を有効にする",
      hint: "ブラウザはページを一度クリックするまで音を鳴らしません。クリックすると通知音が有効になります。",
    },
  },
  serverUnavailable: {
    title: "サーバーに接続できません",
    body: "Koe の API サーバーが応答していません。しばらくしてから再試行してください。",
    retry: "再試行",
  },
} as const;
