/** One server-sent event: its id (tRPC's tracked id) and its data parsed as JSON. */
export type SseMessage = { id: string | null; event: string | null; data: unknown };

/**
 * Reads a server-sent event stream the way a browser's EventSource does (ids, event names, data
 * lines), calling `onMessage` for each until it returns false; then disconnects.
 */
export async function readSse(
  url: string,
  headers: Record<string, string>,
  onMessage: (message: SseMessage) => boolean,
): Promise<void> {
  const abort = new AbortController();
  const res = await fetch(url, {
    headers: { accept: "text/event-stream", ...headers },
    signal: abort.signal,
  });
  if (!res.ok || !res.body) throw new Error(`SSE request failed: ${res.status} ${await res.text()}`);
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for await (const chunk of res.body) {
      buffer += decoder.decode(chunk, { stream: true });
      let end = buffer.indexOf("\n\n");
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf("\n\n");
        const message: SseMessage = { id: null, event: null, data: null };
        const data: string[] = [];
        for (const line of block.split("\n")) {
          const colon = line.indexOf(":");
          const field = line.slice(0, colon);
          const value = line.slice(colon + 1).replace(/^ /, "");
          if (field === "id") message.id = value;
          else if (field === "event") message.event = value;
          else if (field === "data") data.push(value);
        }
        if (data.length > 0) message.data = JSON.parse(data.join("\n"));
        if (!onMessage(message)) return;
      }
    }
  } finally {
    abort.abort();
  }
}
