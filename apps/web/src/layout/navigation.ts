import type { SessionMe } from "../lib/api-types.ts";

/** A page of the side navigation; its label and description are `layout:nav.<key>`. */
export type NavItem = {
  key: "overview" | "monitor" | "calls" | "search" | "salesPitch" | "rollout" | "evals";
  to: string;
  adminOnly: boolean;
};

/** The pages in the side navigation; operators see only what they may use. */
export const NAV_ITEMS: NavItem[] = [
  { key: "overview", to: "/overview", adminOnly: true },
  { key: "monitor", to: "/monitor", adminOnly: false },
  { key: "calls", to: "/calls", adminOnly: false },
  { key: "search", to: "/search", adminOnly: false },
  { key: "salesPitch", to: "/settings/sales-pitch", adminOnly: true },
  { key: "rollout", to: "/rollout", adminOnly: true },
  { key: "evals", to: "/evals", adminOnly: true },
];

export function navItemsFor(role: SessionMe["role"]): NavItem[] {
  return NAV_ITEMS.filter((item) => role === "admin" || !item.adminOnly);
}

/** Where signing in lands: admins on the overview, operators on the live monitor. */
export function landingPathFor(role: SessionMe["role"]): string {
  return role === "admin" ? "/overview" : "/monitor";
}
