import type { IncomingMessage, ServerResponse } from "node:http";

/** A request refused for its body or query: 413 too large, 400 NUL bytes or bad encoding. */
export class RejectedRequest extends Error {
  readonly status: 400 | 413;
  constructor(status: 400 | 413, message: string) {
    super(message);
    this.name = "RejectedRequest";
    this.status = status;
  }
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });
/** A JSON `\u0000` escape that is not itself escaped (`\\u0000` is a backslash and text). */
const JSON_NUL_ESCAPE = /(?<!\\)(?:\\\\)*\\u0000/i;

/**
 * Reads a request body of at most `limitBytes` as UTF-8 text. A declared Content-Length over the
 * limit is refused before a byte is read; a body that grows past it is refused as soon as it does,
 * without buffering the rest. NUL characters (raw, or in a JSON body as `\u0000`) and invalid UTF-8 are
 * refused: nothing downstream wants them, and PostgreSQL cannot store NUL in text.
 */
export function readTextBody(req: IncomingMessage, limitBytes: number): Promise<string> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limitBytes) return Promise.reject(tooLarge(limitBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanUp = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) return void chunks.push(chunk);
      cleanUp();
      req.pause();
      reject(tooLarge(limitBytes));
    };
    const onEnd = () => {
      cleanUp();
      try {
        resolve(checkedText(Buffer.concat(chunks), /json/i.test(req.headers["content-type"] ?? "")));
      } catch (error) {
        reject(error);
      }
    };
    const onError = (error: Error) => {
      cleanUp();
      reject(error);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}

function tooLarge(limitBytes: number): RejectedRequest {
  return new RejectedRequest(413, `request body too large (at most ${limitBytes} bytes)`);
}

function checkedText(body: Buffer, json: boolean): string {
  let text: string;
  try {
    text = UTF8.decode(body);
  } catch {
    throw new RejectedRequest(400, "request body is not valid UTF-8");
  }
  if (text.includes("\0") || (json && JSON_NUL_ESCAPE.test(text))) {
    throw new RejectedRequest(400, "request body contains a NUL character");
  }
  return text;
}

/**
 * Decodes `application/x-www-form-urlencoded` text (also a URL's query) strictly: a malformed
 * percent-escape, percent-encoded bytes that are not UTF-8, or a NUL character is a
 * RejectedRequest, where URLSearchParams would silently keep or replace them.
 */
export function parseFormText(text: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const pair of text.split("&")) {
    if (!pair) continue;
    const equals = pair.indexOf("=");
    const name = decodeFormComponent(equals === -1 ? pair : pair.slice(0, equals));
    params[name] = decodeFormComponent(equals === -1 ? "" : pair.slice(equals + 1));
  }
  return params;
}

function decodeFormComponent(component: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(component.replaceAll("+", " "));
  } catch {
    throw new RejectedRequest(400, "form data has an invalid percent-encoding");
  }
  if (decoded.includes("\0")) throw new RejectedRequest(400, "form data contains a NUL character");
  return decoded;
}

/**
 * Answers a RejectedRequest with its status and a short JSON error, and closes the connection:
 * the rest of a refused body is never read.
 */
export function sendRejection(res: ServerResponse, rejection: RejectedRequest): void {
  res.writeHead(rejection.status, { "content-type": "application/json", connection: "close" });
  res.end(JSON.stringify({ error: rejection.message }));
}
