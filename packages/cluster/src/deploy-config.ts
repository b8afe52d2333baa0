import { type HaproxyOptions, haproxyConfig } from "./haproxy-config.ts";

/**
 * The layout deploy/haproxy/koe.cfg is generated for: one host running
 * `BRIDGE_INSTANCE=koe-bridge ./koe start bridge --processes 4` (instances koe-bridge-p1…p4 on
 * 8181–8184) and `./koe start api --processes 2` (api-p1, api-p2 on 8280–8281), HAProxy on port 80 behind a TLS-terminating load
 * balancer (or with `ssl crt` added to `bind`).
 */
export const DEPLOY_EXAMPLE: HaproxyOptions = {
  bind: ":80",
  bridges: [1, 2, 3, 4].map((i) => ({ name: `koe-bridge-p${i}`, host: "127.0.0.1", port: 8180 + i })),
  apis: [1, 2].map((i) => ({ name: `api-p${i}`, host: "127.0.0.1", port: 8279 + i })),
};

/**
 * HAProxy options from `--bind ADDRESS`, `--bridge NAME=HOST:PORT` and `--api NAME=HOST:PORT`
 * (repeatable), the example layout when none are given.
 */
export function deployOptionsFromArgs(argv: string[]): HaproxyOptions {
  if (argv.length === 0) return DEPLOY_EXAMPLE;
  const options = { bind: ":80", bridges: [] as Upstream[], apis: [] as Upstream[] };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === "--bind") options.bind = value;
    else if (flag === "--bridge") options.bridges.push(upstream(value));
    else if (flag === "--api") options.apis.push(upstream(value));
    else throw new Error(`unknown option ${flag} (--bind, --bridge NAME=HOST:PORT, --api NAME=HOST:PORT)`);
  }
  return options;
}

type Upstream = { name: string; host: string; port: number };

function upstream(value: string): Upstream {
  const match = /^([^=]+)=(.+):(\d+)$/.exec(value);
  if (!match?.[1] || !match[2] || !match[3]) throw new Error(`expected NAME=HOST:PORT, got ${value}`);
  return { name: match[1], host: match[2], port: Number(match[3]) };
}

export function deployConfig(argv: string[]): string {
  return haproxyConfig(deployOptionsFromArgs(argv));
}
