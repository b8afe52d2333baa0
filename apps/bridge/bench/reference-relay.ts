// The floor Koe's bridge is measured against (bench code, not product code): the least a Node
// bridge between Twilio and OpenAI can do. Each media stream gets its own OpenAI socket; every
// frame is parsed with JSON.parse, re-wrapped and written with JSON.stringify, on `ws` with its
// defaults (and without the optional native `bufferutil`: the bench sets WS_NO_BUFFER_UTIL).
// Caller audio sent before the OpenAI socket opens is held, every audio delta goes to Twilio with
// a mark after it (what a bridge needs that truncates a barge-in to the last mark echoed), and the
// marks Twilio echoes are read and dropped. No validation, no journal, no metrics, no limits.
//   PORT   OPENAI_REALTIME_URL   OPENAI_API_KEY
import { createServer } from "node:http";
import WebSocket, { WebSocketServer } from "ws";

const port = Number(process.env.PORT ?? 0);
const upstream = process.env.OPENAI_REALTIME_URL ?? "wss://api.openai.com/v1/realtime";
const apiKey = process.env.OPENAI_API_KEY ?? "";

const server = createServer((request, response) => {
  response.writeHead(request.url === "/healthz" ? 200 : 404).end();
});
const streams = new WebSocketServer({ server, path: "/media-stream" });

streams.on("connection", (twilio) => {
  let streamSid = "";
  let openai: WebSocket | null = null;
  const pending: string[] = [];
  let marks = 0;

  const connect = () => {
    const socket = new WebSocket(`${upstream}?model=gpt-realtime`, {
      headers: { Authorization: `Bearer ${apiKey}` },
    });
    socket.on("open", () => {
      socket.send(
        JSON.stringify({
          type: "session.update",
          session: {
            type: "realtime",
            audio: { input: { format: { type: "audio/pcmu" } }, output: { format: { type: "audio/pcmu" } } },
          },
        }),
      );
      for (const frame of pending.splice(0)) socket.send(frame);
    });
    socket.on("message", (data) => {
      const event = JSON.parse(data.toString());
      if (event.type !== "response.output_audio.delta") return;
      twilio.send(JSON.stringify({ event: "media", streamSid, media: { payload: event.delta } }));
      twilio.send(JSON.stringify({ event: "mark", streamSid, mark: { name: `m${++marks}` } }));
    });
    socket.on("close", () => twilio.close());
    socket.on("error", () => twilio.close());
    return socket;
  };

  twilio.on("message", (data) => {
    const message = JSON.parse(data.toString());
    switch (message.event) {
      case "start":
        streamSid = message.start.streamSid;
        openai = connect();
        return;
      case "media": {
        const frame = JSON.stringify({ type: "input_audio_buffer.append", audio: message.media.payload });
        if (openai?.readyState === WebSocket.OPEN) openai.send(frame);
        else pending.push(frame);
        return;
      }
      case "stop":
        openai?.close();
    }
  });
  twilio.on("close", () => openai?.close());
});

// A normal exit, so that `--cpu-prof` writes its profile.
process.once("SIGTERM", () => process.exit(0));
server.listen(port, "127.0.0.1");
