import { koeVitestConfig } from "@koe/vitest-config";

export default koeVitestConfig();
