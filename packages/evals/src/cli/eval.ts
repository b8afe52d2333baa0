// `./koe eval`: an evaluation run from the command line (see EVAL_USAGE, `--help`).
import { runEvalCli } from "./eval-cli.ts";

process.exitCode = await runEvalCli(process.argv.slice(2), {
  out: (line) => console.log(line),
  tty: Boolean(process.stdout.isTTY),
  env: process.env,
});
