import { availableParallelism } from "node:os";
import { z } from "zod";

const argsSchema = z.object({
  /** `auto`: one per core. */
  processes: z.union([z.literal("auto"), z.coerce.number().int().min(1).max(256)]),
  /** The first internal port; process i listens on firstPort + i (loopback). */
  firstPort: z.coerce.number().int().min(1).max(65_535).optional(),
});

/** `--processes auto|N [--first-port P]`, as `./koe start bridge --processes auto` passes them. */
export function parseProcessesArgs(argv: string[]): { processes: number; firstPort: number | undefined } {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    const value = argv[i + 1];
    if (name === undefined || !name.startsWith("--") || value === undefined)
      throw new Error(`expected --processes auto|N [--first-port P], got: ${argv.join(" ")}`);
    values[name.slice(2).replace(/-(\w)/g, (_, c: string) => c.toUpperCase())] = value;
    i++;
  }
  const args = argsSchema.strict().parse(values);
  return {
    processes: args.processes === "auto" ? availableParallelism() : args.processes,
    firstPort: args.firstPort,
  };
}
