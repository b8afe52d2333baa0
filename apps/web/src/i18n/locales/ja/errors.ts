/** A failed request, by tRPC error code (the api's own messages are English, for logs). */
export const errors = {
  code: {
    BAD_REQUEST: "入力内容に誤りがあります。",
    UNAUTHORIZED: "ログインの有効期限が切れました。もう一度ログインしてください。",
    FORBIDDEN: "この操作は管理者のみ行えます。",
    NOT_FOUND: "対象が見つかりません。削除されたか、別の会社のデータです。",
    PRECONDITION_FAILED: "現在の設定ではこの操作を行えません。",
    CONFLICT: "ほかの操作と競合しました。画面を更新してからもう一度お試しください。",
    BAD_GATEWAY: "外部サービス(OpenAI または Twilio)がエラーを返しました。",
  },
  network: "サーバーに接続できませんでした。ネットワークを確認してもう一度お試しください。",
} as const;
