/** OpenAI's error JSON (`{ error: { message, type, param, code } }`) with its HTTP status. */
export type OpenAIError = {
  status: number;
  body: { error: { message: string; type: string; param: string | null; code: string | null } };
};

export function openAIError(
  status: number,
  message: string,
  fields: { type?: string; param?: string | null; code?: string | null } = {},
): OpenAIError {
  return {
    status,
    body: {
      error: {
        message,
        type: fields.type ?? "invalid_request_error",
        param: fields.param ?? null,
        code: fields.code ?? null,
      },
    },
  };
}
