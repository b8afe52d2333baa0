import type { Translation } from "../../translation.ts";
import type { errors as source } from "../ja/errors.ts";

export const errors: Translation<typeof source> = {
  code: {
    BAD_REQUEST: "Some of the input is invalid.",
    UNAUTHORIZED: "Your session has expired. Please sign in again.",
    FORBIDDEN: "Only an admin can do this.",
    NOT_FOUND: "Not found. It was deleted or belongs to another company.",
    PRECONDITION_FAILED: "This cannot be done with the current settings.",
    CONFLICT: "This clashed with another change. Refresh the page and try again.",
    BAD_GATEWAY: "An external service (OpenAI or Twilio) returned an error.",
  },
  network: "Could not reach the server. Check your network and try again.",
};
