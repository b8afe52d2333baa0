import { request } from "node:http";

export type StreamedResponse = { status: number; body: string; bytesSent: number };

/**
 * POSTs up to `totalBytes` of filler as a chunked body (no Content-Length, so the server only
 * learns the size by reading), and stops sending as soon as the response arrives or the server
 * closes the connection. `bytesSent` says how much of it went out by then.
 */
export function postFiller(
  url: string,
  headers: Record<string, string>,
  totalBytes: number,
): Promise<StreamedResponse> {
  const chunk = Buffer.alloc(64 * 1024, "a");
  return new Promise((resolve, reject) => {
    let bytesSent = 0;
    let answered = false;
    const req = request(url, { method: "POST", headers }, (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (text: string) => {
        body += text;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, bytesSent }));
      res.on("error", reject);
    });
    // The server may close its side while we still write: the response already read stands.
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const write = () => {
      while (!answered && !req.destroyed && bytesSent < totalBytes) {
        bytesSent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", write);
      }
      if (!req.destroyed && !req.writableEnded) req.end();
    };
    write();
  });
}
