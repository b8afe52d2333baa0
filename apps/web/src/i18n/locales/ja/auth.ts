/** The login page and signing out. */
export const auth = {
  subtitle: "AI 電話エージェント管理画面にログイン",
  email: "メールアドレス",
  emailPlaceholder: "admin@example.co.jp",
  password: "パスワード",
  togglePassword: "入力した文字の表示を切り替え",
  submit: "ログイン",
  logout: "ログアウト",
  invalidEmail: "メールアドレスの形式が正しくありません",
  passwordRequired: "パスワードを入力してください",
  failureTitle: "ログインできません",
  failure: {
    network: "サーバーに接続できませんでした。",
    rateLimited: "ログインの試行回数が多すぎます。1 分ほど待ってからお試しください。",
    rejected: "メールアドレスまたはパスワードが正しくありません。",
    http: "ログインできませんでした(HTTP {{status}})。",
  },
} as const;
