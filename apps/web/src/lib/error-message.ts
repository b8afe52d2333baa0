import { TRPCClientError } from "@trpc/client";

type ErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "PRECONDITION_FAILED"
  | "CONFLICT"
  | "BAD_GATEWAY";

const GENERIC: Record<ErrorCode, string> = {
  BAD_REQUEST: "入力内容に誤りがあります。",
  UNAUTHORIZED: "ログインの有効期限が切れました。もう一度ログインしてください。",
  FORBIDDEN: "この操作は管理者のみ行えます。",
  NOT_FOUND: "対象が見つかりません。削除されたか、別の会社のデータです。",
  PRECONDITION_FAILED: "現在の設定ではこの操作を行えません。",
  CONFLICT: "ほかの操作と競合しました。画面を更新してからもう一度お試しください。",
  BAD_GATEWAY: "外部サービス(OpenAI または Twilio)がエラーを返しました。",
};

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/**
 * A Japanese sentence for a failed request: the server's own message when it is already Japanese,
 * otherwise `overrides` or a generic line for the error code (the api's English is for logs).
 */
export function errorMessage(error: unknown, overrides: Partial<Record<ErrorCode, string>> = {}): string {
  if (error instanceof TRPCClientError) {
    const code = error.data?.code as ErrorCode | undefined;
    if (code && overrides[code]) return overrides[code];
    if (JAPANESE.test(error.message)) return error.message;
    if (code && code in GENERIC) return GENERIC[code];
  }
  return "サーバーに接続できませんでした。ネットワークを確認してもう一度お試しください。";
}

export function errorCode(error: unknown): string | null {
  return error instanceof TRPCClientError ? ((error.data?.code as string | undefined) ?? null) : null;
}
