import type { SessionMe } from "../lib/api-types.ts";

export type NavItem = { to: string; label: string; description: string; adminOnly: boolean };

/** The pages in the side navigation; operators see only what they may use. */
export const NAV_ITEMS: NavItem[] = [
  { to: "/monitor", label: "ライブモニター", description: "進行中の通話", adminOnly: false },
  { to: "/calls", label: "通話履歴", description: "過去の通話と品質", adminOnly: false },
  {
    to: "/settings/sales-pitch",
    label: "セールスピッチ設定",
    description: "エージェントの会話設定",
    adminOnly: true,
  },
  { to: "/rollout", label: "ロールアウト", description: "エンジン切り替えと指標", adminOnly: true },
];

export function navItemsFor(role: SessionMe["role"]): NavItem[] {
  return NAV_ITEMS.filter((item) => role === "admin" || !item.adminOnly);
}
