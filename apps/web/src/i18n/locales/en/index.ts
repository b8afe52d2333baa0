import type { Translation } from "../../translation.ts";
import type { ja } from "../ja/index.ts";
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

/** The English translation: every namespace and key of the Japanese source. */
export const en: Translation<typeof ja> = {
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
};
