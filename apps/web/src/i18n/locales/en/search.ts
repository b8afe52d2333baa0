import type { Translation } from "../../translation.ts";
import type { search as ja } from "../ja/search.ts";

export const search: Translation<typeof ja> = {
  title: "Transcript search",
  description: "Find words said in any call (two characters or more)",
  placeholder: "e.g. booking, cancel",
  submit: "Search",
  tooShort: "Type at least two characters",
  empty: "No line contains “{{query}}”",
  more: "Show more",
  speaker: { caller: "Caller", agent: "Agent" },
  open: "Open the call",
};
