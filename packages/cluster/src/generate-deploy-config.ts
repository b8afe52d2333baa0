// Prints HAProxy's configuration for Koe: `pnpm --filter @koe/cluster generate:deploy` writes the
// example layout to deploy/haproxy/koe.cfg; with --bind/--bridge/--api it prints one for yours.
import { writeFile } from "node:fs/promises";
import { deployConfig } from "./deploy-config.ts";

const argv = process.argv.slice(2);
const config = deployConfig(argv);
if (argv.length === 0) {
  const file = new URL("../../../deploy/haproxy/koe.cfg", import.meta.url);
  await writeFile(file, config);
  console.log(`wrote ${file.pathname}`);
} else {
  process.stdout.write(config);
}
