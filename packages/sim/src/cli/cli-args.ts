import { type ParseArgsOptionsConfig, parseArgs } from "node:util";

const HELP = { help: { type: "boolean", short: "h" } } as const;

/** A mistake on a CLI's command line: one line on stderr (no stack trace) and exit code 2. */
export function failCli(command: string, message: string): never {
  console.error(`${command}: ${message} (see --help)`);
  process.exit(2);
}

/**
 * A CLI's options, parsed strictly (no unknown options, no positionals). `--help` / `-h` prints
 * `usage()` and exits 0, whatever else is on the line; any mistake goes to `failCli`.
 */
export function parseCliArgs<const O extends ParseArgsOptionsConfig>(
  command: string,
  usage: () => string,
  options: O,
) {
  if (parseArgs({ options: HELP, strict: false, allowPositionals: true }).values.help === true) {
    console.log(usage());
    process.exit(0);
  }
  try {
    return parseArgs({ options: { ...options, ...HELP }, strict: true, allowPositionals: false }).values;
  } catch (error) {
    return failCli(command, error instanceof Error ? error.message : String(error));
  }
}
