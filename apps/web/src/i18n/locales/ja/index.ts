import { auth } from "./auth.ts";
import { callEvents } from "./call-events.ts";
import { calls } from "./calls.ts";
import { common } from "./common.ts";
import { errors } from "./errors.ts";
import { evals } from "./evals.ts";
import { exports } from "./exports.ts";
import { labels } from "./labels.ts";
import { layout } from "./layout.ts";
import { monitor } from "./monitor.ts";
import { overview } from "./overview.ts";
import { rollout } from "./rollout.ts";
import { salesPitch } from "./sales-pitch.ts";
import { search } from "./search.ts";
import { validation } from "./validation.ts";

/**
 * The Japanese source of every string, one namespace per page or area. A new string goes into the
 * area's file here and under the same key in `../en/` (until then it is a type error), and is read
 * with `useTranslation("<namespace>").t("<key>")`.
 */
export const ja = {
  common,
  auth,
  layout,
  labels,
  errors,
  validation,
  callEvents,
  monitor,
  calls,
  salesPitch,
  rollout,
  overview,
  search,
  exports,
  evals,
} as const;
