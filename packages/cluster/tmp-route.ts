import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";

const mk = (name: string, port: number) => {
  const s = createServer((req, res) => {
    res.setHeader("connection", "close");
    res.end(`${name} ${req.url}`);
  });
  s.listen(port, "127.0.0.1");
  return s;
};
const b1 = mk("b1", 18101),
  b2 = mk("b2", 18102),
  a = mk("api1", 18201);
const hp = spawn("/usr/sbin/haproxy", ["-db", "-f", "h.cfg"], { stdio: "inherit" });
await sleep(1500);
const get = async (p: string) => (await fetch(`http://127.0.0.1:18080${p}`)).text().catch((e) => String(e));
for (let i = 0; i < 4; i++)
  console.log(
    await get("/api/twilio/voice"),
    "|",
    await get("/api/twilio/media-stream/b2"),
    "|",
    await get("/trpc/x"),
  );
b2.closeAllConnections();
b2.close();
console.log("after close b2:");
for (let i = 0; i < 4; i++)
  console.log(await get("/api/twilio/media-stream/b2"), "|", await get("/api/twilio/voice"));
await sleep(1500);
console.log("after check:");
for (let i = 0; i < 2; i++) console.log(await get("/api/twilio/media-stream/b2"));
hp.kill();
b1.close();
a.close();
