import type { ja } from "./locales/ja/index.ts";

// Keys and interpolation variables of `t` are checked against the Japanese source.
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "common";
    resources: typeof ja;
  }
}
