// A stand-in for a Koe process in the process group's test: answers every request with its NAME and
// the path, on PORT; exits on SIGTERM as the apps do.
import { createServer } from "node:http";

const server = createServer((req, res) => res.end(`${process.env.NAME} ${req.url}`));
server.listen(Number(process.env.PORT), "127.0.0.1");
process.once("SIGTERM", () => server.close(() => process.exit(0)));
