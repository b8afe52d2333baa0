import { TRPCClientError } from "@trpc/client";
import { i18n } from "../i18n/i18n.ts";

const ERROR_CODES = [
  "BAD_REQUEST",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "PRECONDITION_FAILED",
  "CONFLICT",
  "BAD_GATEWAY",
] as const;
type ErrorCode = (typeof ERROR_CODES)[number];

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/**
 * A sentence in the chosen language for a failed request: `overrides` for its error code, the
 * server's own message when it is Japanese and so is the page, or a generic line for the code (the
 * api's English messages are for logs). Read when called, so it follows the language of that moment.
 */
export function errorMessage(error: unknown, overrides: Partial<Record<ErrorCode, string>> = {}): string {
  if (error instanceof TRPCClientError) {
    const code = errorCode(error);
    if (isErrorCode(code) && overrides[code]) return overrides[code];
    if (i18n.resolvedLanguage === "ja" && JAPANESE.test(error.message)) return error.message;
    if (isErrorCode(code)) return i18n.t(`errors:code.${code}`);
  }
  return i18n.t("errors:network");
}

export function errorCode(error: unknown): string | null {
  return error instanceof TRPCClientError ? ((error.data?.code as string | undefined) ?? null) : null;
}

function isErrorCode(code: string | null): code is ErrorCode {
  return ERROR_CODES.some((known) => known === code);
}
